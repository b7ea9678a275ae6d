//! Fuzzing the import's reading and checking, on stable Rust: valid CSV, JSON
//! and XLSX files are mutated at random and fed to the checks, which must
//! never panic and must either accept a file or report problems that point
//! into it. The budget is `IRENE_FUZZ_SECONDS` (3 by default; CI gives it
//! 30); `IRENE_FUZZ_SEED` replays a run, and a failing input is written
//! beside the test's temporary files.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use irene::directory::import::{Format, validate};
use irene::platform::i18n::Lang;

const CSV: &str = "slug,name_en,name_ru,country,email,founded_year,networks,person_name,person_email\n\
                   fay,Youth Fund,Фонд помощи молодежи,AZ,info@fay.example,1998,un-ngo-irene-caspian,Rauf,r@fay.example\n\
                   ,\"Buta, Fund\",,AZ,,,,,\n";

const JSON: &str = "[\n{\"name_en\": \"Youth Fund\", \"country\": \"AZ\", \"networks\": [\"un-ngo-irene-caspian\"]},\n\
                    {\"name_ru\": \"Бута\", \"founded_year\": 1998, \"person_name\": \"Leyla\", \"person_email\": null}\n]\n";

fn xlsx_seed() -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(CSV.as_bytes());
    for (row, record) in reader.records().enumerate() {
        for (column, cell) in record.unwrap().iter().enumerate() {
            sheet.write_string(row as u32, column as u16, cell).unwrap();
        }
    }
    sheet.write_number(2, 5, 2004.0).unwrap();
    workbook.save_to_buffer().unwrap()
}

/// Bytes the formats give meaning to, more likely to reach their corners than any byte.
const SIGNIFICANT: &[&[u8]] =
    &[b",", b"\"", b"\n", b"\r\n", b"{", b"}", b"[", b"]", b":", b";", b"\xEF\xBB\xBF", b"\xFF", b"\0", b"@", b"PK"];

fn mutate(rng: &mut fastrand::Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..rng.usize(1..8) {
        let at = rng.usize(0..=bytes.len());
        match rng.u8(0..6) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << rng.u8(0..8);
            }
            1 => bytes.splice(at..at, SIGNIFICANT[rng.usize(0..SIGNIFICANT.len())].iter().copied()).for_each(drop),
            2 => {
                let end = (at + rng.usize(0..64)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => {
                let end = (at + rng.usize(0..256)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.usize(0..=bytes.len());
                bytes.splice(to..to, copy).for_each(drop);
            }
            4 => bytes.truncate(at),
            _ => bytes.insert(at.min(bytes.len()), rng.u8(..)),
        }
    }
    bytes
}

#[test]
fn mutated_files_are_accepted_or_reported_by_line_never_a_panic() {
    let seconds: u64 = std::env::var("IRENE_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    let seed: u64 =
        std::env::var("IRENE_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| fastrand::u64(..));
    eprintln!("fuzzing the import for {seconds} s with IRENE_FUZZ_SEED={seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let seeds =
        [(Format::Csv, CSV.as_bytes().to_vec()), (Format::Json, JSON.as_bytes().to_vec()), (Format::Xlsx, xlsx_seed())];
    let networks: HashSet<String> = ["un-ngo-irene-caspian".to_string()].into();
    let mapping: HashMap<String, String> = HashMap::new();
    let started = Instant::now();
    let mut cases = 0u64;
    while started.elapsed() < Duration::from_secs(seconds) || cases < 30 {
        // The seeds themselves first, each once.
        let (format, seed_bytes) = &seeds[if cases < 3 { cases as usize } else { rng.usize(0..seeds.len()) }];
        let input = if cases < 3 { seed_bytes.clone() } else { mutate(&mut rng, seed_bytes) };
        let checked = input.clone();
        let outcome = std::panic::catch_unwind(|| {
            validate(std::io::Cursor::new(checked), *format, &mapping, &networks, Lang::En)
        });
        let lines = input.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        let wrong = match &outcome {
            Err(_) => Some("panicked".to_string()),
            Ok(problems) if cases < 3 && !problems.is_empty() => {
                Some(format!("a valid seed was refused: {problems:?}"))
            }
            // XLSX rows are sheet rows, not lines of the (compressed) file.
            Ok(problems) => problems
                .iter()
                .find(|p| p.message.is_empty() || (*format != Format::Xlsx && p.line > lines))
                .map(|p| format!("a problem pointing nowhere: {p:?}")),
        };
        if let Some(wrong) = wrong {
            let path = std::env::temp_dir().join(format!("irene-fuzz-{seed}-{cases}.input"));
            std::fs::write(&path, &input).unwrap();
            panic!("{format:?} case {cases} (IRENE_FUZZ_SEED={seed}): {wrong}; input in {}", path.display());
        }
        cases += 1;
    }
    eprintln!("{cases} cases");
}
