//! A session's device in words ("Chrome on Windows") from its `User-Agent`, by a short table of the browsers
//! and systems people sign in from; the whole string stays in the account's data export.

use crate::platform::i18n::Lang;

/// Browsers by the token that tells them apart, most specific first: Edge, Opera and the other Chromium
/// browsers also name Chrome, and Chrome names Safari.
const BROWSERS: &[(&str, &str)] = &[
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Opera", "Opera"),
    ("YaBrowser/", "Yandex Browser"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("CriOS/", "Chrome"),
    ("Version/", "Safari"),
    ("curl/", "curl"),
];

/// Systems, most specific first: Android names Linux, iOS names Mac OS X.
const SYSTEMS: &[(&str, &str)] = &[
    ("Windows", "Windows"),
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
];

fn first_known(user_agent: &str, table: &[(&str, &'static str)]) -> Option<&'static str> {
    table.iter().find(|(token, _)| user_agent.contains(token)).map(|(_, name)| *name)
}

/// The device a session was started from, in the reader's language.
pub fn describe(user_agent: &str, lang: Lang) -> String {
    let browser = first_known(user_agent, BROWSERS);
    let system = first_known(user_agent, SYSTEMS);
    match (browser, system) {
        (Some(browser), Some(system)) => {
            lang.t_with("account-device", &[("browser", browser.into()), ("system", system.into())])
        }
        (Some(name), None) | (None, Some(name)) => name.to_string(),
        (None, None) => lang.t("account-device-unknown"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_and_systems_are_named() {
        let cases = [
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                "Chrome on Windows",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                "Edge on Windows",
            ),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Linux"),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                "Safari on iOS",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
                "Samsung Internet on Android",
            ),
            ("curl/8.5.0", "curl"),
        ];
        for (user_agent, expected) in cases {
            assert_eq!(describe(user_agent, Lang::En), expected, "{user_agent}");
        }
        assert_eq!(describe("", Lang::En), "Unknown device");
        assert_eq!(describe("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Firefox/133.0", Lang::Ru), "Firefox, macOS");
    }
}
