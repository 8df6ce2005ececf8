//! A hand-made document for the unit tests of the analyst features.

use crate::model::*;

pub fn span(line: u32) -> Span {
    Span {
        start: line as usize * 10,
        end: line as usize * 10 + 5,
        line,
        page: None,
        bbox: None,
    }
}

pub fn item(id: &str, text: &str, themes: &[(&str, &str)]) -> Item {
    Item {
        id: id.to_string(),
        kind: if id.contains("working_groups") {
            ListKind::Groupes
        } else if id.contains("axes") {
            ListKind::Axes
        } else {
            ListKind::Actions
        },
        text: text.to_string(),
        key: crate::normalize::key(text),
        number: None,
        sub_items: Vec::new(),
        notes: Vec::new(),
        priority: None,
        decree_priority: None,
        marker: Some("→".to_string()),
        themes: themes
            .iter()
            .map(|(id, trig)| ThemeTag {
                id: id.to_string(),
                label: id.to_string(),
                triggers: vec![trig.to_string()],
            })
            .collect(),
        span: span(3),
    }
}

fn count(n: u32, status: Option<CountStatus>, text: &str) -> Count {
    Count {
        count: n,
        status,
        text: text.to_string(),
        span: span(2),
    }
}

pub fn sample_document() -> Document {
    let mut a2 = item(
        "orne/actions/2",
        "Déploiement des consultations de psychiatrie par la télémédecine dans les EHPAD",
        &[
            ("telemedecine", "télémédecine"),
            ("personnes-agees", "EHPAD"),
        ],
    );
    a2.priority = Some(2);
    a2.sub_items.push(item(
        "orne/actions/2/1",
        "Consultations avancées, \"entre guillemets\"; point-virgule",
        &[],
    ));
    let orne = Territory {
        id: "orne".into(),
        name: "de l’Orne".into(),
        normalized_name: "Orne".into(),
        key: "orne".into(),
        kind: TerritoryKind::Departement,
        departement: Some("61".into()),
        parent_departement: None,
        about: true,
        other_forms: Vec::new(),
        mentions: 1,
        declared: Declared {
            working_groups: Some(count(8, None, "8 groupes de réflexion")),
            actions: Some(count(
                5,
                Some(CountStatus::ToBeContracted),
                "5 actions à contractualiser",
            )),
        },
        axes: Vec::new(),
        working_groups: vec![item(
            "orne/working_groups/1",
            "Psychiatrie périnatale",
            &[("perinatalite", "périnatale")],
        )],
        actions: vec![
            item(
                "orne/actions/1",
                "Structuration du parcours de soins en santé mentale des étudiants alençonnais",
                &[("enfants-adolescents", "étudiants")],
            ),
            a2,
        ],
        periods: Vec::new(),
        span: span(1),
    };
    let eure = Territory {
        id: "eure".into(),
        name: "de l’Eure".into(),
        normalized_name: "Eure".into(),
        key: "eure".into(),
        kind: TerritoryKind::Departement,
        departement: Some("27".into()),
        parent_departement: None,
        about: true,
        other_forms: Vec::new(),
        mentions: 1,
        declared: Declared {
            working_groups: Some(count(7, None, "7 groupes de réflexion")),
            actions: Some(count(
                25,
                Some(CountStatus::Contracted),
                "25 actions contractualisées",
            )),
        },
        axes: Vec::new(),
        working_groups: vec![
            item(
                "eure/working_groups/1",
                "Psychiatrie périnatale",
                &[("perinatalite", "périnatale")],
            ),
            item(
                "eure/working_groups/2",
                "Santé mentale et travail",
                &[("emploi-insertion", "Santé mentale et travail")],
            ),
        ],
        actions: vec![item(
            "eure/actions/1",
            "Organisation du réseau des acteurs TND",
            &[("tnd", "TND")],
        )],
        periods: Vec::new(),
        span: span(20),
    };
    Document {
        schema_version: SCHEMA_VERSION.to_string(),
        tool: Tool {
            name: "ptsm".into(),
            version: "0.1.0".into(),
        },
        source: Source {
            path: "corpus/normandie-ptsm-2026.txt".into(),
            format: SourceFormat::Text,
            sha256: "0".repeat(64),
            encoding: Some("UTF-8".into()),
            bytes: 1000,
            pages: None,
            ocr_pages: Vec::new(),
            ocr: None,
        },
        web: None,
        kind: DocKind::PressRelease,
        subject: Some(Subject::Ptsm),
        title: Some(TextValue {
            text: "Projets territoriaux de santé mentale".into(),
            span: span(1),
        }),
        issuer: None,
        region: Some("Normandie".into()),
        date: None,
        dates: Vec::new(),
        periods: Vec::new(),
        counts: Vec::new(),
        territories: vec![orne, eure],
        lists: Vec::new(),
        people: Vec::new(),
        amounts: Vec::new(),
        contacts: Contacts::default(),
        acronyms: vec![
            Acronym {
                acronym: "EHPAD".into(),
                expansion: Some(
                    "Établissement d'hébergement pour personnes âgées dépendantes".into(),
                ),
                expansion_source: Some(ExpansionSource::Glossary),
                occurrences: 1,
                span: span(3),
            },
            Acronym {
                acronym: "DAPE".into(),
                expansion: None,
                expansion_source: None,
                occurrences: 1,
                span: span(4),
            },
        ],
        furniture: Vec::new(),
        blocks: Vec::new(),
        warnings: Vec::new(),
        fiches: vec![
            fiche("orne/actions/1", "1", "Repérer précocement les troubles"),
            fiche("fiches/7", "7", "Une action sans liste"),
        ],
        fiche_counts: Vec::new(),
    }
}

fn text(t: &str, line: u32) -> TextValue {
    TextValue {
        text: t.to_string(),
        span: span(line),
    }
}

/// A fiche with a pilot (an organisation and a person), a partner, a
/// calendar step, two amounts (one with its funder) and a free field.
pub fn fiche(id: &str, number: &str, title: &str) -> Fiche {
    let field = |f: Option<&str>, label: &str, value: &str| FicheField {
        field: f.map(str::to_string),
        label: text(label, 20),
        value: text(value, 20),
    };
    let actor = |kind, name: &str, role: Option<&str>| Actor {
        kind,
        name: name.to_string(),
        role: role.map(str::to_string),
        organization: None,
        span: span(21),
    };
    Fiche {
        id: id.to_string(),
        number: Some(number.to_string()),
        title: Some(text(title, 19)),
        layout: FicheLayout::Table,
        axis: Some(text("1 – Prévenir", 20)),
        priority: None,
        priorities: Vec::new(),
        general_objective: None,
        operational_objectives: vec![text("former", 22), text("informer", 23)],
        description: None,
        pilots: vec![
            actor(ActorKind::Organization, "CH de Moulins", None),
            actor(ActorKind::Person, "Dr Claire FAURE", Some("cheffe de pôle")),
        ],
        partners: vec![actor(ActorKind::Organization, "UNAFAM 03", None)],
        target_public: None,
        territory: None,
        calendar: vec![CalendarEntry {
            text: "2020-2022 : sessions".into(),
            start: Some("2020".into()),
            end: Some("2022".into()),
            what: Some("sessions".into()),
            span: span(24),
        }],
        indicators: Vec::new(),
        budget: vec![
            BudgetLine {
                value: 8000.0,
                currency: "EUR".into(),
                text: "8 000 €".into(),
                funder: None,
                per_year: true,
                span: span(25),
            },
            BudgetLine {
                value: 5000.0,
                currency: "EUR".into(),
                text: "5 000 €".into(),
                funder: Some("ARS".into()),
                per_year: false,
                span: span(25),
            },
        ],
        contact: None,
        recap: None,
        fields: vec![
            field(
                Some("pilots"),
                "Pilote(s)",
                "CH de Moulins – Dr Claire FAURE, cheffe de pôle",
            ),
            field(Some("budget"), "Budget", "8 000 € par an (ARS 5 000 €)"),
            field(None, "Adresse", "1 rue de la Paix"),
        ],
        span: span(19),
    }
}
