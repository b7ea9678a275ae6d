//! Synthetic organisations for tests and benchmarks: names in Azerbaijani,
//! Russian and English drawn from the same roots, so that the directory has
//! the mix of scripts and spellings real data has, at any size.

use anyhow::Context;
use sqlx::Row;

use crate::directory::{ConsultativeStatus, Organization, OrganizationKind};
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::values::Slug;

/// Name roots as Azerbaijani, Russian and English write them.
pub const ROOTS: &[(&str, &str, &str)] = &[
    ("Xəzər", "Хазар", "Khazar"),
    ("Bulaq", "Булаг", "Bulag"),
    ("Şəfqət", "Шафгат", "Shafgat"),
    ("Ümid", "Умид", "Umid"),
    ("Buta", "Бута", "Buta"),
    ("Araz", "Араз", "Araz"),
    ("Yaşıl", "Яшил", "Yashil"),
    ("Çinar", "Чинар", "Chinar"),
    ("Qafqaz", "Гафгаз", "Gafgaz"),
    ("Səma", "Сама", "Sama"),
    ("Nur", "Нур", "Nur"),
    ("İnam", "Инам", "Inam"),
];

/// Family names, for foundations named after a person.
pub const SURNAMES: &[(&str, &str, &str)] =
    &[("Məmmədov", "Маммадов", "Mammadov"), ("Qasımov", "Гасымов", "Gasimov"), ("Cəfərov", "Джафаров", "Jafarov")];

/// Kinds of association: Azerbaijani, Russian, English, and the themes it suggests.
const FORMS: &[(&str, &str, &str, &str)] = &[
    ("Gənclər Birliyi", "Союз молодёжи", "Youth Union", "education"),
    ("Qadınlar Assosiasiyası", "Ассоциация женщин", "Women's Association", "gender-equality"),
    ("Ekoloji Mərkəz", "Экологический центр", "Environmental Centre", "environment"),
    ("Uşaq Fondu", "Детский фонд", "Children's Fund", "health"),
    ("İnkişaf Mərkəzi", "Центр развития", "Development Centre", "poverty-hunger"),
    ("Hüquq Cəmiyyəti", "Правовое общество", "Law Society", "human-rights"),
];

const COUNTRIES: &[(&str, &str, u32)] = &[
    ("AZ", "Baku", 40),
    ("GE", "Tbilisi", 12),
    ("KZ", "Almaty", 10),
    ("UZ", "Tashkent", 8),
    ("KG", "Bishkek", 7),
    ("TR", "Istanbul", 8),
    ("RU", "Moscow", 6),
    ("TM", "Ashgabat", 3),
    ("AM", "Yerevan", 3),
    ("IR", "Tehran", 3),
];

const KINDS: &[(OrganizationKind, u32)] = &[
    (OrganizationKind::Ngo, 70),
    (OrganizationKind::Academic, 8),
    (OrganizationKind::Media, 6),
    (OrganizationKind::Business, 6),
    (OrganizationKind::Donor, 4),
    (OrganizationKind::Government, 4),
    (OrganizationKind::UnAgency, 2),
];

const STATUSES: &[(ConsultativeStatus, u32)] = &[
    (ConsultativeStatus::None, 85),
    (ConsultativeStatus::Special, 8),
    (ConsultativeStatus::Roster, 4),
    (ConsultativeStatus::Unspecified, 2),
    (ConsultativeStatus::General, 1),
];

fn weighted<'a, T>(rng: &mut fastrand::Rng, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
    let total: u32 = items.iter().map(&weight).sum();
    let mut pick = rng.u32(0..total);
    for item in items {
        let w = weight(item);
        if pick < w {
            return item;
        }
        pick -= w;
    }
    &items[items.len() - 1]
}

/// One generated organisation, with the theme its name suggests and whether
/// it joins a network.
pub struct Synthetic {
    pub slug: Slug,
    pub organization: Organization,
    pub theme: &'static str,
    pub joins_network: bool,
}

/// The organisation number `n` of the set made from `seed`; the same inputs
/// always give the same organisation.
pub fn organization(seed: u64, n: usize) -> Synthetic {
    let mut rng = fastrand::Rng::with_seed(seed.wrapping_mul(1_000_003).wrapping_add(n as u64));
    let (form_az, form_ru, form_en, theme) = FORMS[rng.usize(..FORMS.len())];
    let (az, ru, en) = if rng.u32(0..10) == 0 {
        let (s_az, s_ru, s_en) = SURNAMES[rng.usize(..SURNAMES.len())];
        (format!("{s_az} adına Fond"), format!("Фонд имени {s_ru}"), format!("{s_en} Foundation"))
    } else {
        let (r_az, r_ru, r_en) = ROOTS[rng.usize(..ROOTS.len())];
        (format!("«{r_az}» {form_az}"), format!("{form_ru} «{r_ru}»"), format!("{r_en} {form_en}"))
    };
    // Which languages the organisation has a name in: often only its own.
    let languages: &[Lang] = match rng.u32(0..10) {
        0..=3 => &[Lang::Az, Lang::Ru, Lang::En],
        4..=5 => &[Lang::Az],
        6..=7 => &[Lang::Ru],
        _ => &[Lang::Az, Lang::En],
    };
    let mut name = LocalizedText::default();
    for lang in languages {
        let text = match lang {
            Lang::Az => &az,
            Lang::Ru => &ru,
            Lang::En => &en,
        };
        name.0.insert(*lang, text.clone());
    }
    let (country, city, _) = *weighted(&mut rng, COUNTRIES, |c| c.2);
    let mut description = LocalizedText::default();
    description.0.insert(Lang::En, format!("{en}, working in {city}."));
    let organization = Organization {
        kind: weighted(&mut rng, KINDS, |k| k.1).0,
        acronym: None,
        name,
        other_names: Vec::new(),
        country: Some(country.to_string()),
        city: Some(city.to_string()),
        address: None,
        phone: None,
        email: None,
        website: None,
        founded_year: Some(1990 + rng.i64(0..35)),
        description: Some(description),
        consultative_status: weighted(&mut rng, STATUSES, |s| s.1).0,
        status_year: None,
        work: Default::default(),
    };
    let slug = Slug::parse(&format!("synthetic-{seed}-{n}")).expect("a number after a slug is a slug");
    Synthetic { slug, organization, theme, joins_network: rng.bool() }
}

/// Adds `count` synthetic organisations in one transaction; each gets the
/// theme its form suggests (where that theme exists) and about half join a
/// network chosen among the existing ones.
pub async fn generate(db: &Db, count: usize, seed: u64) -> anyhow::Result<()> {
    let themes: Vec<(i64, String)> = sqlx::query("SELECT id, slug FROM themes")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| (r.get("id"), r.get("slug")))
        .collect();
    let networks: Vec<i64> = sqlx::query_scalar("SELECT id FROM networks ORDER BY id").fetch_all(&db.pool).await?;
    let mut tx = db.begin().await?;
    for n in 0..count {
        let synthetic = organization(seed, n);
        let id = crate::directory::create(&mut tx, &synthetic.slug, &synthetic.organization)
            .await
            .with_context(|| format!("cannot insert synthetic organisation {n}"))?;
        if let Some((theme_id, _)) = themes.iter().find(|(_, slug)| slug == synthetic.theme) {
            sqlx::query("INSERT INTO organization_themes (organization_id, theme_id) VALUES ($1, $2)")
                .bind(id)
                .bind(theme_id)
                .execute(&mut *tx)
                .await?;
        }
        if synthetic.joins_network && !networks.is_empty() {
            sqlx::query("INSERT INTO network_members (network_id, organization_id) VALUES ($1, $2)")
                .bind(networks[n % networks.len()])
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_organisations() {
        let (a, b) = (organization(7, 42), organization(7, 42));
        assert_eq!(a.organization.name, b.organization.name);
        assert_eq!(a.organization.country, b.organization.country);
        assert_ne!(organization(7, 43).slug, a.slug);
    }

    #[test]
    fn roots_fold_alike_in_every_script() {
        use crate::platform::search::fold::fold;
        for (az, ru, en) in ROOTS.iter().chain(SURNAMES) {
            assert_eq!(fold(az), fold(ru), "{az} / {ru}");
            assert_eq!(fold(az), fold(en), "{az} / {en}");
        }
    }
}
