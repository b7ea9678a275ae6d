//! The direction of dependencies, checked on the source: the platform knows no
//! capability; a capability uses the platform, the shared state and what other
//! capabilities offer in their `mod.rs`, never their inner files; only `main.rs`,
//! `startup.rs` and `router.rs` name `startup` and `router`; role SQL stays in
//! `accounts`, the one owner of rights.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Top-level modules that are not capabilities.
const PLUMBING: &[&str] = &["platform", "state", "router", "startup"];
/// The files that put capabilities together and may name anything.
const ASSEMBLY: &[&str] = &["src/main.rs", "src/lib.rs", "src/startup.rs", "src/router.rs"];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`directory` for `src/directory/edit.rs`).
fn module_of(relative: &Path) -> String {
    let mut parts = relative.components().skip(1);
    let first = parts.next().unwrap().as_os_str().to_string_lossy().to_string();
    first.trim_end_matches(".rs").to_string()
}

/// Every `crate::a::b…` path a file names before its unit tests, with `use crate::{a::b, c}`
/// groups spread out.
fn crate_paths(source: &str) -> Vec<Vec<String>> {
    let code: String = source
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .take_while(|line| !line.trim_start().starts_with("#[cfg(test)]"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut paths = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for member in group[..end].split(',') {
                let segments: Vec<String> =
                    member.split("::").map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
                if !segments.is_empty() {
                    paths.push(segments);
                }
            }
        } else {
            let end = after.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(after.len());
            let segments: Vec<String> =
                after[..end].split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
            paths.push(segments);
        }
        rest = after;
    }
    paths
}

fn is_submodule(module: &str, name: &str) -> bool {
    Path::new("src").join(module).join(format!("{name}.rs")).exists()
        || Path::new("src").join(module).join(name).is_dir()
}

fn breaches() -> Vec<String> {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let capabilities: BTreeSet<String> = fs::read_dir("src")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .filter(|name| !PLUMBING.contains(&name.as_str()))
        .collect();
    let mut found = Vec::new();
    for file in files {
        let shown = file.to_string_lossy().replace('\\', "/");
        if ASSEMBLY.contains(&shown.as_str()) {
            continue;
        }
        let source = fs::read_to_string(&file).unwrap();
        let own = module_of(&file);
        if own != "accounts" && source.contains("organization_editors") {
            found.push(format!("{shown}: role SQL (organization_editors) outside accounts"));
        }
        for path in crate_paths(&source) {
            let Some(first) = path.first() else { continue };
            if first == "router" || first == "startup" {
                found.push(format!("{shown}: names crate::{}", path.join("::")));
            } else if own == "platform" && first != "platform" {
                found.push(format!("{shown}: the platform names crate::{}", path.join("::")));
            } else if first != &own && capabilities.contains(first) && path.len() >= 2 && is_submodule(first, &path[1])
            {
                found.push(format!("{shown}: reaches into crate::{}", path.join("::")));
            }
        }
    }
    found
}

#[test]
fn capabilities_use_only_each_others_public_items() {
    let found = breaches();
    assert!(found.is_empty(), "{} breaches of the dependency rule:\n{}", found.len(), found.join("\n"));
}

#[test]
fn the_check_sees_a_reach_into_another_capability() {
    let paths =
        crate_paths("use crate::{directory::edit::load, state::AppState};\nlet x = crate::networks::queries::all(db);");
    assert!(paths.contains(&vec!["directory".into(), "edit".into(), "load".into()]));
    assert!(paths.contains(&vec!["networks".into(), "queries".into(), "all".into()]));
    assert!(is_submodule("directory", "edit") || is_submodule("directory", "search"));
    assert!(!is_submodule("directory", "Organization"));
}
