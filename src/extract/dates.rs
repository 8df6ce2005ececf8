//! Dates: every date expression of the text with its ISO value and role,
//! and the document's own date.
//!
//! The grammar, on [`Tokens`]: a day ("13 décembre 2023", "1er avril",
//! "mercredi 18 mai 2022", "01/12/2020", "12.12.2019", "Apr 10, 2023",
//! "24-Jan-2021"), a month ("Avril 2021", "janvier2016"), a season
//! ("printemps 2024"), a quarter ("T2 2021"), a semester ("1er semestre
//! 2020"), a year after a preposition ("en 2021", "depuis 2020", "dès
//! 2018"), and intervals of those ("du 5 au 10 février", "les 10 et 11
//! octobre", "14-15 mai", "entre mars et octobre 2019", "2021-2025").
//! Times ("16:31", "06h08", "14 h"), durations and decree numbers
//! ("2017-1200") are not dates.
//!
//! A date without its year takes the year of the dates written with it
//! ("14-15 mai, … et 19-20 novembre 2019"), else the document's own year
//! (its date, or a heading such as "Calendrier 2018"), checked against the
//! weekday when one is written; a date "de chaque année" has no year.
//!
//! The role comes from the words before the date on its line (publication,
//! update, version, signing, adoption, meeting, law); the document's date
//! follows the annotation guide: a publication line or dateline, else a
//! version or adoption line of the document itself, else the meeting of
//! minutes, else the last update.

use crate::model::{DateMention, DateRole, DateValue};
use crate::normalize::NormDoc;

use super::span;
use super::tokens::{Kind, Tokens};

const MONTHS: &[&str] = &[
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

const EN_MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const WEEKDAYS: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// The month (1-12) a key names ("fevrier", "decembre", "fev.", "sept").
pub fn month_of(k: &str) -> Option<u32> {
    if let Some(i) = MONTHS.iter().position(|m| *m == k) {
        return Some(i as u32 + 1);
    }
    let abbr = [
        ("janv", 1),
        ("fevr", 2),
        ("fev", 2),
        ("avr", 4),
        ("juil", 7),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    abbr.iter().find(|(a, _)| *a == k).map(|(_, m)| *m)
}

/// Whether `k` is the key of a French month name.
pub fn month_key(k: &str) -> bool {
    MONTHS.contains(&k)
}

fn en_month(k: &str) -> Option<u32> {
    EN_MONTHS.iter().position(|m| *m == k).map(|i| i as u32 + 1)
}

fn weekday(k: &str) -> Option<u32> {
    WEEKDAYS.iter().position(|w| *w == k).map(|i| i as u32)
}

/// A plausible year: 4 digits from 1900 to 2099.
fn year_at(t: &Tokens, i: usize) -> Option<i32> {
    let tok = t.get(i)?;
    if tok.kind != Kind::Number || tok.end - tok.start != 4 {
        return None;
    }
    let y: i32 = t.text(i).parse().ok()?;
    (1900..=2099).contains(&y).then_some(y)
}

/// A day number at token `i`: "1er", "1", "31".
fn day_at(t: &Tokens, i: usize) -> Option<u32> {
    let s = t.text(i);
    let d: u32 = if t.key(i) == "1er" {
        1
    } else if t.get(i)?.kind == Kind::Number && s.len() <= 2 {
        s.parse().ok()?
    } else {
        return None;
    };
    (1..=31).contains(&d).then_some(d)
}

/// Days in a month.
fn days_in(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Day of the week of a date, 0 = Monday (Zeller's congruence).
fn day_of_week(y: i32, m: u32, d: u32) -> u32 {
    let (y, m) = if m < 3 { (y - 1, m + 12) } else { (y, m) };
    let k = y.rem_euclid(100);
    let j = y.div_euclid(100);
    let h = (d as i32 + (13 * (m as i32 + 1)) / 5 + k + k / 4 + j / 4 + 5 * j).rem_euclid(7);
    // h: 0 = Saturday … 6 = Friday.
    ((h + 5) % 7) as u32
}

/// One point of a date expression: a day, a month, a quarter or a year,
/// possibly without its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Point {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    quarter: Option<u32>,
    weekday: Option<u32>,
}

impl Point {
    fn iso(&self, year: i32) -> String {
        match (self.quarter, self.month, self.day) {
            (Some(q), _, _) => format!("{year}-Q{q}"),
            (_, Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (_, Some(m), None) => format!("{year:04}-{m:02}"),
            _ => format!("{year:04}"),
        }
    }
    fn full_day(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }
}

/// A date expression found in the tokens.
#[derive(Debug, Clone)]
struct Found {
    first: usize,
    end: usize,
    from: Point,
    to: Option<Point>,
    /// "de chaque année": a recurring date.
    yearly: bool,
    /// A bare year ("en 2021"): not a candidate for the document date.
    bare_year: bool,
    /// Written "YYYY-YYYY": a period.
    period: bool,
}

/// A day, month, season, quarter or semester point starting at token `i`:
/// `(point, end token)`.
fn point_at(t: &Tokens, i: usize) -> Option<(Point, usize)> {
    let mut p = Point {
        year: None,
        month: None,
        day: None,
        quarter: None,
        weekday: None,
    };
    let mut j = i;
    if let Some(w) = weekday(t.key(j)) {
        p.weekday = Some(w);
        j += 1;
    }
    // ISO: 2023-11-07.
    if let Some(y) = year_at(t, j) {
        let glued = |q: usize| t.get(q).is_some_and(|x| !x.space_before);
        let two = |q: usize| {
            t.get(q)
                .is_some_and(|x| x.kind == Kind::Number && t.text(q).len() == 2)
                .then(|| t.text(q).parse::<u32>().ok())
                .flatten()
        };
        if t.punct(j + 1) == Some('-') && t.punct(j + 3) == Some('-') && (j + 1..=j + 4).all(glued)
        {
            if let (Some(m), Some(d)) = (two(j + 2), two(j + 4)) {
                if (1..=12).contains(&m) && (1..=days_in(y, m)).contains(&d) {
                    p.day = Some(d);
                    p.month = Some(m);
                    p.year = Some(y);
                    return Some((p, j + 5));
                }
            }
        }
    }
    // Numeric: 01/12/2020, 7/12/2020, 12.12.2019, 24-01-2021.
    if let Some(d) = day_at(t, j) {
        if let (Some(sep), true) = (
            t.punct(j + 1),
            t.get(j + 2).is_some_and(|x| x.kind == Kind::Number),
        ) {
            if matches!(sep, '/' | '.' | '-')
                && t.punct(j + 3) == Some(sep)
                && t.get(j + 1).is_some_and(|x| !x.space_before)
                && t.get(j + 2).is_some_and(|x| !x.space_before)
            {
                let m: u32 = t.text(j + 2).parse().ok()?;
                // (Two digits when the date ends there: "27/06/23",
                // "12/06/23 - 17h30".)
                let y =
                    year_at(t, j + 4).or_else(|| short_year(t, j + 4).filter(|_| sep == '/'))?;
                if (1..=12).contains(&m) && d <= days_in(y, m) && t.text(j + 2).len() <= 2 {
                    p.day = Some(d);
                    p.month = Some(m);
                    p.year = Some(y);
                    return Some((p, j + 5));
                }
                return None;
            }
            // "24-Jan-2021".
        }
        if t.punct(j + 1) == Some('-') {
            if let Some(m) = en_month(t.key(j + 2)) {
                if t.punct(j + 3) == Some('-') {
                    let y = year_at(t, j + 4)?;
                    p.day = Some(d);
                    p.month = Some(m);
                    p.year = Some(y);
                    return Some((p, j + 5));
                }
            }
        }
        // "13 décembre 2023", "1er avril", "5 février".
        if let Some(m) = month_of(t.key(j + 1)).filter(|_| t.is_word(j + 1)) {
            p.day = Some(d);
            p.month = Some(m);
            let mut e = j + 2;
            if t.punct(e) == Some('.') && t.key(j + 1).len() <= 4 {
                e += 1;
            }
            if let Some(y) = year_at(t, e) {
                if d > days_in(y, m) {
                    return None;
                }
                p.year = Some(y);
                e += 1;
            } else if let Some(y) = short_year(t, e).filter(|_| {
                // (A whole month only before the time of a publication
                // line: "Publié le 29 Juin 22 à 18:30".)
                t.punct(j + 2) == Some('.') || (t.key(e + 1) == "a" && is_time(t, e + 2))
            }) {
                // "3 janv. 24 à 17:45": an abbreviated month and a year in
                // two digits, as news sites write them.
                if d <= days_in(y, m) {
                    p.year = Some(y);
                    e += 1;
                }
            }
            return Some((p, e));
        }
    }
    if p.weekday.is_some() {
        return None;
    }
    // "Apr 10, 2023".
    if let Some(m) = en_month(t.key(j)) {
        if t.get(j).is_some_and(|x| x.cap) {
            if let Some(d) = day_at(t, j + 1) {
                if t.punct(j + 2) == Some(',') {
                    if let Some(y) = year_at(t, j + 3) {
                        p.day = Some(d);
                        p.month = Some(m);
                        p.year = Some(y);
                        return Some((p, j + 4));
                    }
                }
            }
        }
    }
    // "janvier2016" (a lost space).
    let k = t.key(j);
    if t.get(j).is_some_and(|x| x.kind == Kind::Word) && k.len() > 7 {
        if let Some(split) = k.find(|c: char| c.is_ascii_digit()) {
            if let (Some(m), Ok(y)) = (month_of(&k[..split]), k[split..].parse::<i32>()) {
                if (1900..=2099).contains(&y) && k.len() - split == 4 {
                    p.month = Some(m);
                    p.year = Some(y);
                    return Some((p, j + 1));
                }
            }
        }
    }
    // "Avril 2021", "mars" (in an interval), "printemps 2024".
    if let Some(m) =
        month_of(k).filter(|_| t.is_word(j) && (month_key(k) || t.punct(j + 1) == Some('.')))
    {
        p.month = Some(m);
        let mut e = j + 1;
        if t.punct(e) == Some('.') {
            e += 1;
        }
        if let Some(y) = year_at(t, e) {
            p.year = Some(y);
            e += 1;
        }
        return Some((p, e));
    }
    if matches!(k, "printemps" | "ete" | "automne" | "hiver" | "rentree") {
        if let Some(y) = year_at(t, j + 1) {
            p.year = Some(y);
            if k == "rentree" {
                p.month = Some(9);
            }
            return Some((p, j + 2));
        }
    }
    // "T2 2021", "2e trimestre 2021".
    if k.len() == 2 && k.starts_with('t') && t.get(j).is_some_and(|x| x.cap) {
        if let Ok(q) = k[1..].parse::<u32>() {
            if (1..=4).contains(&q) {
                if let Some(y) = year_at(t, j + 1) {
                    p.quarter = Some(q);
                    p.year = Some(y);
                    return Some((p, j + 2));
                }
            }
        }
    }
    // "1er semestre 2020", "2e trimestre 2021".
    if matches!(
        k,
        "1er" | "2e" | "2eme" | "2nd" | "3e" | "4e" | "premier" | "second" | "deuxieme"
    ) && matches!(t.key(j + 1), "semestre" | "trimestre")
    {
        if let Some(y) = year_at(t, j + 2) {
            if t.key(j + 1) == "trimestre" {
                let q = match k.chars().next() {
                    Some('1') | Some('p') => 1,
                    Some('2') | Some('s') | Some('d') => 2,
                    Some('3') => 3,
                    _ => 4,
                };
                p.quarter = Some(q);
            }
            p.year = Some(y);
            return Some((p, j + 3));
        }
    }
    None
}

/// A year written in two digits at token `i` ("24" for 2024), when what
/// follows closes the date: a time ("à 17:45"), a separator or the line's
/// end.
fn short_year(t: &Tokens, i: usize) -> Option<i32> {
    let x = t.get(i)?;
    if x.kind != Kind::Number || t.text(i).len() != 2 {
        return None;
    }
    // ("12/06/23 - 17h30": a dash before the time.)
    let closes = i + 1 >= t.line_end(i)
        || matches!(t.punct(i + 1), Some(';' | ',' | '|' | ')' | '–'))
        || (t.punct(i + 1) == Some('-') && is_time(t, i + 2))
        || (t.key(i + 1) == "a"
            && (t.get(i + 2).is_some_and(|y| y.kind == Kind::Number) || is_time(t, i + 2)));
    closes.then(|| 2000 + t.text(i).parse::<i32>().unwrap_or(0))
}

/// Words a date expression can start with: intervals ("du", "entre",
/// "les"), weekdays, months (French and English), seasons, quarters and
/// semesters, "fin"/"début", "1er", and glued month-years ("janvier2016").
fn date_start_word(k: &str) -> bool {
    matches!(
        k,
        "du" | "entre"
            | "les"
            | "fin"
            | "debut"
            | "mi"
            | "1er"
            | "2e"
            | "2eme"
            | "2nd"
            | "3e"
            | "4e"
            | "premier"
            | "second"
            | "deuxieme"
            | "printemps"
            | "ete"
            | "automne"
            | "hiver"
            | "rentree"
            | "t1"
            | "t2"
            | "t3"
            | "t4"
    ) || weekday(k).is_some()
        || month_of(k).is_some()
        || en_month(k).is_some()
        || (k.len() > 7
            && k.bytes().last().is_some_and(|b| b.is_ascii_digit())
            && month_of(k.trim_end_matches(|c: char| c.is_ascii_digit())).is_some())
}

/// Words before a year that make it a date ("en 2021", "depuis 2020").
fn year_preposition(k: &str) -> bool {
    matches!(
        k,
        "en" | "depuis"
            | "des"
            | "courant"
            | "jusqu"
            | "annee"
            | "annees"
            | "fin"
            | "debut"
            | "mi"
            | "resultats"
            | "bilan"
            | "calendrier"
            | "loi"
            | "de"
            | "avant"
            | "apres"
            | "vers"
            | "partir"
            | "entre"
    )
}

/// Whether a number at token `i` is a time or part of one ("16:31",
/// "06h08", "18 heures", "14 h").
fn is_time(t: &Tokens, i: usize) -> bool {
    t.punct(i + 1) == Some(':')
        || matches!(t.key(i + 1), "h" | "heures" | "heure")
        || t.key(i).contains('h') && t.key(i).chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Where a time written right after a date ends ("à 18:05", "- 17h20",
/// ", 10 h 30"), or `end` when none follows.
fn time_after(t: &Tokens, end: usize) -> usize {
    let mut i = end;
    if t.key(i) == "a" || matches!(t.punct(i), Some('-' | '–' | ',')) {
        i += 1;
    }
    if !t
        .get(i)
        .is_some_and(|x| x.kind == Kind::Number || x.kind == Kind::Word)
        || !is_time(t, i)
    {
        return end;
    }
    if t.get(i).is_some_and(|x| x.kind == Kind::Word) {
        // "18h05", "06h".
        return i + 1;
    }
    if t.punct(i + 1) == Some(':') {
        return if t.get(i + 2).is_some_and(|x| x.kind == Kind::Number) {
            i + 3
        } else {
            end
        };
    }
    // "18 h", "18 h 30", "18 heures".
    let mut j = i + 2;
    if t.get(j).is_some_and(|x| x.kind == Kind::Number) {
        j += 1;
    }
    j
}

/// Every date expression of the tokens, in text order.
fn scan(t: &Tokens) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let n = t.len();
    let mut i = 0;
    while i < n {
        // Only numbers and a few words start a date: the others are
        // skipped at once.
        if t.get(i).is_some_and(|x| x.kind == Kind::Word) && !date_start_word(t.key(i)) {
            i += 1;
            continue;
        }
        if t.get(i)
            .is_some_and(|x| matches!(x.kind, Kind::Punct | Kind::Newline))
        {
            i += 1;
            continue;
        }
        // "du 5 au 10 février 2018", "Du 1er avril 2019 au 31 décembre
        // 2019".
        if matches!(t.key(i), "du" | "entre") && t.is_word(i) {
            if let Some(f) = interval_words(t, i) {
                i = f.end;
                out.push(f);
                continue;
            }
        }
        // "les 10 et 11 octobre".
        if t.key(i) == "les" {
            if let (Some(d1), true, Some(d2)) =
                (day_at(t, i + 1), t.key(i + 2) == "et", day_at(t, i + 3))
            {
                if let Some((p2, e)) = point_at(t, i + 3) {
                    if p2.month.is_some() && p2.day == Some(d2) && d1 < d2 {
                        let mut p1 = p2;
                        p1.day = Some(d1);
                        p1.weekday = None;
                        out.push(Found {
                            first: i + 1,
                            end: e,
                            from: p1,
                            to: Some(p2),
                            yearly: yearly_after(t, e),
                            bare_year: false,
                            period: false,
                        });
                        i = e;
                        continue;
                    }
                }
            }
        }
        // "14-15 mai".
        if let (Some(d1), Some('-'), Some(d2)) = (day_at(t, i), t.punct(i + 1), day_at(t, i + 2)) {
            if d1 < d2 && month_of(t.key(i + 3)).is_some() && t.is_word(i + 3) {
                if let Some((p2, e)) = point_at(t, i + 2) {
                    let mut p1 = p2;
                    p1.day = Some(d1);
                    out.push(Found {
                        first: i,
                        end: e,
                        from: p1,
                        to: Some(p2),
                        yearly: false,
                        bare_year: false,
                        period: false,
                    });
                    i = e;
                    continue;
                }
            }
        }
        // Periods "2021-2025", "2019 -2024", "2020 – 2025", "2019 à 2021",
        // "2022 et 2023".
        if let Some(y1) = year_at(t, i) {
            if !is_time(t, i) && !decree_number(t, i) {
                let (sep_ok, j) = match t.punct(i + 1) {
                    Some('-' | '–' | '/') => (true, i + 2),
                    _ if matches!(t.key(i + 1), "a" | "et") && t.text(i + 1) != "a" => {
                        (true, i + 2)
                    }
                    _ => (false, i + 1),
                };
                if sep_ok {
                    if let Some(y2) = year_at(t, j) {
                        if y2 > y1 && y2 - y1 <= 15 && !t.hyphen_after(j) {
                            let p1 = Point {
                                year: Some(y1),
                                month: None,
                                day: None,
                                quarter: None,
                                weekday: None,
                            };
                            let p2 = Point {
                                year: Some(y2),
                                ..p1
                            };
                            out.push(Found {
                                first: i,
                                end: j + 1,
                                from: p1,
                                to: Some(p2),
                                yearly: false,
                                bare_year: false,
                                period: t.punct(i + 1).is_some(),
                            });
                            i = j + 1;
                            continue;
                        }
                    }
                }
                // A bare year after a preposition: "en 2021", "depuis 2020",
                // "jusqu’en 2025", "Calendrier 2018".
                let prev = t.prev_word(i, 1).map(|p| t.key(p)).unwrap_or("");
                let prev_ok = year_preposition(prev)
                    || (prev == "a"
                        && t.prev_word(i, 1)
                            .is_some_and(|p| t.key(p.saturating_sub(1)) == "partir"));
                let after_ok = !matches!(t.punct(i + 1), Some('-' | '/'))
                    || t.get(i + 1).is_some_and(|x| x.space_before);
                if prev_ok
                    && after_ok
                    && !matches!(t.key(i + 1), "habitants" | "euros" | "personnes")
                {
                    let start = t
                        .prev_word(i, 1)
                        .filter(|_| {
                            prev != "de"
                                && prev != "loi"
                                && prev != "calendrier"
                                && prev != "resultats"
                        })
                        .unwrap_or(i);
                    let p = Point {
                        year: Some(y1),
                        month: None,
                        day: None,
                        quarter: None,
                        weekday: None,
                    };
                    out.push(Found {
                        first: start,
                        end: i + 1,
                        from: p,
                        to: None,
                        yearly: false,
                        bare_year: true,
                        period: false,
                    });
                    i += 1;
                    continue;
                }
            }
        }
        if let Some((p, e)) = point_at(t, i) {
            // "mars" alone (a month name without day or year) is no date,
            // unless it ends an interval (handled above).
            let lone_month = p.day.is_none() && p.year.is_none() && p.quarter.is_none();
            if !lone_month {
                // "rentrée 2020 – juin 2023": point – point.
                let mut f = Found {
                    first: i,
                    end: e,
                    from: p,
                    to: None,
                    yearly: yearly_after(t, e),
                    bare_year: false,
                    period: false,
                };
                if matches!(t.punct(e), Some('–' | '-')) || (t.key(e) == "et" && p.year.is_some())
                {
                    if let Some((p2, e2)) = point_at(t, e + 1) {
                        if p2.year.is_some() && p2.day.is_none() == p.day.is_none() {
                            f.to = Some(p2);
                            f.end = e2;
                        }
                    }
                }
                // "fin mai", "début juin".
                if let Some(q) = t.prev_word(i, 0) {
                    if matches!(t.key(q), "fin" | "debut" | "mi") && p.day.is_none() {
                        f.first = q;
                    }
                }
                i = f.end;
                out.push(f);
                continue;
            }
            // "fin mai" with no year: a month of the document's year.
            if let Some(q) = t.prev_word(i, 0) {
                if matches!(t.key(q), "fin" | "debut") && q + 1 == i {
                    out.push(Found {
                        first: q,
                        end: e,
                        from: p,
                        to: None,
                        yearly: false,
                        bare_year: false,
                        period: false,
                    });
                    i = e;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// "décret 2017-1200", "loi 2016-41", "n° 2016-1445": the year starts a
/// legal number.
fn decree_number(t: &Tokens, i: usize) -> bool {
    if t.punct(i + 1) == Some('-')
        && t.get(i + 2)
            .is_some_and(|x| x.kind == Kind::Number && t.text(i + 2).len() != 4)
    {
        return true;
    }
    false
}

fn yearly_after(t: &Tokens, e: usize) -> bool {
    t.seq(e, &["de", "chaque", "annee"]).is_some() || t.seq(e, &["chaque", "annee"]).is_some()
}

/// "du 5 au 10 février", "Du 1er avril 2019 au 31 décembre 2019", "entre
/// mars et octobre 2019", "entre octobre 2018 et février 2019".
fn interval_words(t: &Tokens, i: usize) -> Option<Found> {
    let between = t.key(i) == "entre";
    let joiner = if between { "et" } else { "au" };
    // "du 5 au 10 février": the first point may be a bare day.
    let (p1, e1) = match point_at(t, i + 1) {
        Some((p, e)) if p.month.is_some() || p.year.is_some() => (p, e),
        _ => {
            let d = day_at(t, i + 1)?;
            (
                Point {
                    year: None,
                    month: None,
                    day: Some(d),
                    quarter: None,
                    weekday: None,
                },
                i + 2,
            )
        }
    };
    let mut j = e1;
    // A line break between the two (two-column texts).
    while t.is_newline(j) {
        j += 1;
    }
    if t.key(j) != joiner {
        return None;
    }
    let (p2, e2) = point_at(t, j + 1)?;
    if p2.month.is_none() && p2.year.is_none() {
        return None;
    }
    let mut from = p1;
    if from.month.is_none() {
        from.month = p2.month;
    }
    if from.year.is_none() && (from.month <= p2.month || p2.month.is_none()) {
        from.year = p2.year;
    }
    if from.day.is_some() != p2.day.is_some() {
        return None;
    }
    Some(Found {
        first: i,
        end: e2,
        from,
        to: Some(p2),
        yearly: false,
        bare_year: false,
        period: false,
    })
}

/// Whether `k` is the participle by which a line says a document was
/// adopted, validated, approved, decreed or signed ("Adopté …", "Arrêté le
/// …").
fn participle(k: &str) -> bool {
    matches!(
        k,
        "adopte"
            | "adoptee"
            | "valide"
            | "validee"
            | "approuve"
            | "approuvee"
            | "arrete"
            | "arretee"
            | "signe"
            | "signee"
    )
}

/// The words before a date on its line, nearest first: the role.
fn role_of(t: &Tokens, first: usize) -> DateRole {
    let start = t.line_start(first);
    // A rubric or a byline before the date on a short line: "Actualité |
    // 02.02.2024", "Par Thomas Holveck - 12 déc. 2023 à 19:05", "Posté le
    // 14 mai 2024 par …".
    let mut words_before = (start..first).filter(|&q| t.is_word(q));
    if let Some(w0) = words_before.next() {
        // Counted up to six: a long line holds many dates, and collecting
        // all its words before each one was quadratic.
        let before = 1 + words_before.take(5).count();
        let k0 = t.key(w0);
        // (A laid-out byline's parts stand apart: "Par Anli Bachirou ⇥
        // 12/10/2023 ⇥ Santé ⇥ 0 commentaire".)
        let separated = || {
            (start..first).any(|q| matches!(t.punct(q), Some('|' | '–' | '-' | ':' | ',')))
                || t.get(first).is_some_and(|x| x.gap_before)
        };
        let rubric = matches!(
            k0,
            "actualite" | "actualites" | "article" | "communique" | "breve" | "info" | "infos"
        ) && before <= 3
            && t.key(w0 + 1) != "du"
            && separated();
        // "Rédaction : Françoise Vuillemin, déléguée départementale – le 2
        // décembre 2023": a signature and its date.
        let byline = (k0 == "par" && before <= 5 || k0 == "redaction") && separated()
            // "La rédaction le Jeudi 23 Janvier 2025 à 18:30".
            || (k0 == "la" && t.key(w0 + 1) == "redaction" && before <= 4)
            // "Par Anli Bachirou  12/10/2023  Santé": a writer's name and
            // the date, nothing between.
            || (k0 == "par"
                && before == 3
                && (w0 + 1..first).filter(|&q| t.is_word(q)).all(|q| {
                    t.get(q).is_some_and(|x| x.cap)
                }))
            // "Rédigé par la rédaction le Vendredi 7 Juin 2024 à 18:32".
            || (matches!(k0, "redige" | "redigee" | "ecrit" | "ecrite" | "publie" | "publiee")
                && t.next_word(w0 + 1, 0).is_some_and(|p| t.key(p) == "par")
                && before <= 6);
        // "Actualité du 12 mars 2023", "Communiqué du …", "Date : …".
        let of_the_day = matches!(
            k0,
            "actualite" | "article" | "communique" | "breve" | "date" | "info" | "infos"
        ) && before <= 2
            && (t.key(first.wrapping_sub(1)) == "du"
                || t.punct(first.wrapping_sub(1)) == Some(':'));
        // An e-mail's header: "Envoyé : mardi 14 novembre 2023 10:42",
        // "Date : …" is above.
        let sent = matches!(k0, "envoye" | "sent") && before <= 2;
        if rubric || byline || of_the_day || sent || k0.starts_with("poste") {
            return DateRole::Publication;
        }
    }
    let mut j = first;
    let mut seen = 0;
    while j > start && seen < 14 {
        j -= 1;
        if matches!(t.punct(j), Some('.' | ';' | '|')) && j + 1 < first {
            break;
        }
        if !t.is_word(j) {
            continue;
        }
        seen += 1;
        let k = t.key(j);
        let online = k == "ligne"
            && t.key(j.saturating_sub(1)) == "en"
            && t.key(j.saturating_sub(2)).starts_with("mis");
        let r = if k.starts_with("publie")
            || k == "publication"
            || k == "cree"
            || k == "creee"
            || k == "saisie"
            || k == "diffuse"
            || k == "diffusee"
            || online
        {
            Some(DateRole::Publication)
        } else if k == "jour" && matches!(t.key(j.saturating_sub(1)), "a" | "mise" | "mis")
            || k.starts_with("modifi")
            || k.starts_with("actualis")
        {
            Some(DateRole::Update)
        } else if k == "version" || (k == "v" && t.punct(j + 1) == Some('.')) {
            Some(DateRole::Version)
        } else if k.starts_with("sign") || k.starts_with("paraph") || k == "conclu" {
            Some(DateRole::Signing)
        } else if k.starts_with("adopt")
            || k.starts_with("approuv")
            || k.starts_with("valid")
            || (k.starts_with("arrete") && !matches!(t.key(j + 1), "du" | "n"))
            || k == "avis"
        {
            Some(DateRole::Adoption)
        } else if matches!(
            k,
            "loi" | "decret" | "circulaire" | "instruction" | "ordonnance" | "code" | "arrete"
        ) {
            Some(DateRole::Law)
        } else if !(k == "reunion"
            && t.get(j).is_some_and(|x| x.cap)
            && t.key(j.wrapping_sub(1)) == "la")
            && matches!(
                k,
                "comite"
                    | "reunion"
                    | "assemblee"
                    | "seance"
                    | "colloque"
                    | "journee"
                    | "journees"
                    | "rencontre"
                    | "webinaire"
                    | "pleniere"
                    | "copil"
                    | "conference"
                    | "semaines"
                    | "visite"
                    | "deplacement"
                    | "rendu"
            )
        {
            Some(DateRole::Meeting)
        } else {
            None
        };
        if let Some(r) = r {
            return r;
        }
    }
    DateRole::Other
}

/// A dateline: "Nantes, le 13 décembre 2023" or "Le 13 décembre 2023"
/// alone on its line (or before "|" furniture), or a date alone on its
/// line.
fn dateline(t: &Tokens, f: &Found) -> bool {
    let s = t.line_start(f.first);
    let e = t.line_end(f.first);
    // The time of a web page's dateline may follow ("Le 03/02/2023 à
    // 18:05"), and its byline after a dash ("… à 17:20 - Par …").
    let end = time_after(t, f.end);
    // Or the update after it: "Le 15/05/2024 à 18:02 mis à jour le …".
    let update_at = |q: usize| {
        matches!(t.key(q), "mis" | "mise" | "maj")
            || t.key(q).starts_with("modifi")
            || t.key(q).starts_with("actualis")
    };
    let after_ok = end == e
        || matches!(t.punct(end), Some('|'))
        || (matches!(t.punct(end), Some('-' | '–' | '—' | ',' | ';'))
            && (t.key(end + 1) == "par" || update_at(end + 1)))
        || update_at(end)
        // A wire's dateline: "SAINT-DENIS (La Réunion), 5 avril 2024
        // (APMnews) - …".
        || (t.punct(end) == Some('(')
            && (end + 1..(end + 5).min(e)).any(|q| {
                t.punct(q) == Some(')') && matches!(t.punct(q + 1), Some('-' | '–' | '—'))
            }));
    if !after_ok {
        return false;
    }
    // Six words at most are looked at: a dateline has five.
    let head: Vec<usize> = (s..f.first).filter(|&q| t.is_word(q)).take(6).collect();
    // "Paris, 13 mars 2023", "Lundi, 13 mars 2023": a capitalised word or
    // two and a comma right before the date.
    let comma_before = f.first > s && t.punct(f.first - 1) == Some(',');
    // (A city in capitals may carry its place: "SAINT-DENIS (La Réunion),".)
    let caps_city = head
        .first()
        .is_some_and(|&w| t.get(w).is_some_and(|x| x.upper));
    if comma_before
        && ((1..=3).contains(&head.len()) || (caps_city && head.len() <= 5))
        && head
            .first()
            .is_some_and(|&w| t.get(w).is_some_and(|x| x.cap || x.upper))
    {
        return true;
    }
    match head.as_slice() {
        [] => true,
        [le] => t.key(*le) == "le",
        [.., le] if head.len() <= 5 && t.key(*le) == "le" => {
            // "Nantes, le", "Paris, le".
            (s..f.first).any(|q| t.punct(q) == Some(','))
        }
        _ => false,
    }
}

/// The dates of a document, and its own date.
pub fn extract(doc: &NormDoc, t: &Tokens, minutes: bool) -> (Option<DateValue>, Vec<DateMention>) {
    let found = scan(t);
    // Candidates for the document date, by rank.
    let mut best: Option<(u8, usize)> = None;
    let head_limit = t
        .toks
        .iter()
        .filter(|x| x.kind == Kind::Newline)
        .nth(24)
        .map_or(t.len(), |_| {
            let mut nl = 0;
            t.toks
                .iter()
                .position(|x| {
                    if x.kind == Kind::Newline {
                        nl += 1;
                    }
                    nl == 25
                })
                .unwrap_or(t.len())
        });
    // The first six lines: a meeting's header line stands there.
    let top_limit = t
        .toks
        .iter()
        .enumerate()
        .filter(|(_, x)| x.kind == Kind::Newline)
        .nth(5)
        .map_or(t.len(), |(i, _)| i);
    let mut roles: Vec<DateRole> = found.iter().map(|f| role_of(t, f.first)).collect();
    // A deliberation ("Délibération n° 2022-CP-143", "Extrait du registre
    // des délibérations") is dated by its sitting: the transmission and
    // publication stamps at its foot are the prefecture's formalities.
    // The full dates of lines that start with a participle, by that
    // participle (a few kept each: enough to tell two apart).
    let mut leading: std::collections::HashMap<&str, Vec<(usize, Point)>> =
        std::collections::HashMap::new();
    for f in &found {
        if f.to.is_some() || !f.from.full_day() {
            continue;
        }
        let ls = t.line_start(f.first);
        let w = t.next_word(ls, 2).map(|w| t.key(w)).unwrap_or("");
        if participle(w) {
            let ds = leading.entry(w).or_default();
            // (One per line: a line's second date is no other section.)
            if ds.len() < 3 && !ds.iter().any(|(l, d)| *l == ls || *d == f.from) {
                ds.push((ls, f.from));
            }
        }
    }
    let deliberation = (0..top_limit.min(t.len()))
        .any(|q| matches!(t.key(q), "deliberation" | "deliberations") && t.is_word(q));
    for (n, f) in found.iter().enumerate() {
        if f.to.is_some() || f.bare_year || !f.from.full_day() {
            continue;
        }
        let role = roles[n];
        let line_start = t.line_start(f.first);
        let first_word = t.next_word(line_start, 2).map(|w| t.key(w)).unwrap_or("");
        // Dates in English are a host's upload dates ("Apr 10, 2023",
        // "Post on 24-Jan-2021"), never the document's.
        if t.get(f.first).is_some_and(|x| x.kind == Kind::Word)
            && en_month(t.key(f.first)).is_some()
            || (f.first + 2 < t.len()
                && en_month(t.key(f.first + 2)).is_some()
                && t.punct(f.first + 1) == Some('-'))
        {
            continue;
        }
        // A cover line: "Adopté en Assemblée générale le …", "Document
        // validé par le comité de pilotage le …", "Version du …".
        // The participle governs the date: no comma between them, and the
        // date ends the phrase (the line, or a title merged after it), not
        // a participial clause before the sentence goes on ("Arrêté … le
        // 29 avril 2021, le PTSM 54 est …").
        // Also "Compte rendu approuvé en séance du …", "Contrat … signé à
        // Laval le …", "Arrêté par le directeur général de l’ARS … le …":
        // a short line whose participle is one of those.
        // Up to 17 words: every test below wants at most 16 (collecting the
        // words of a long line before each of its dates was quadratic).
        let words_before: Vec<usize> = (line_start..f.first)
            .filter(|&q| t.is_word(q))
            .take(17)
            .collect();
        let governed = words_before.len() <= 16
            && words_before.iter().any(|&q| participle(t.key(q)))
            && !words_before
                .iter()
                .any(|&q| participle(t.key(q)) && q + 1 == f.first);
        let line_end = t.line_end(f.first);
        // The date ends the phrase: the line, a title merged after it, a
        // dash or bar, a parenthesis, or a page number after a footer.
        // (Or the place it was done: "Signé le 30 juin 2022 à Melun".)
        let at_place = t.key(f.end) == "a"
            && t.get(f.end + 1).is_some_and(|x| x.cap)
            && (f.end + 1..line_end)
                .filter(|&q| t.is_word(q))
                .take(5)
                .all(|q| {
                    t.get(q).is_some_and(|x| x.cap) || matches!(t.key(q), "de" | "sur" | "en")
                })
            && (f.end + 1..line_end)
                .filter(|&q| t.is_word(q))
                .take(5)
                .count()
                <= 4;
        let ends = f.end >= line_end
            || (t.punct(f.end) == Some('.') && f.end + 1 >= line_end)
            || t.get(f.end).is_some_and(|x| x.cap || x.upper)
            || matches!(t.punct(f.end), Some('–' | '—' | '|' | '('))
            || (f.end + 1 == line_end && t.get(f.end).is_some_and(|x| x.kind == Kind::Number))
            || at_place;
        // (Anywhere, a line that says this document itself was validated:
        // "Relevé validé par la présidente de séance le 26 mars 2024.",
        // "Compte rendu approuvé le …".)
        // ("Document validé le 15 décembre 2021 par le comité de pilotage"
        // at its end, "PTSM 974 – Validé par le comité de pilotage du 25
        // novembre 2020 — 88 —" as its running footer.)
        // (Or a part of the plan that carries its own validation: "Fiche
        // validée en COPIL le 08/10/2021", "Annexe adoptée le …".)
        let own_record = matches!(
            first_word,
            "releve"
                | "compte"
                | "proces"
                | "document"
                | "ptsm"
                | "ctsm"
                | "fiche"
                | "annexe"
                | "rapport"
                | "bilan"
                | "synthese"
                | "feuille"
                | "charte"
        ) && governed
            && words_before.len() <= 12;
        let by_agent = own_record && t.key(f.end) == "par";
        // (Lines that start so with different dates are facts of a page's
        // sections, each territory's PTSM: "Arrêté le 30/12/2020 – CTSM
        // signé le …" under each département of a regional page.)
        let per_section = participle(first_word)
            && leading
                .get(first_word)
                .is_some_and(|ds| ds.iter().any(|(l, d)| *l != line_start && *d != f.from));
        let cover = !per_section
            && (f.first < head_limit || own_record)
            && (matches!(first_word, "document" | "version") || participle(first_word) || governed)
            && !(line_start..f.first).any(|q| t.punct(q) == Some(','))
            && (ends || by_agent);
        // A footer or cover line that versions the document: "PTSM 06 –
        // version adoptée le 14/10/2020 47", "CTSM 21 – Annexe 1 – v.
        // 2023-01-30".
        let versioned = words_before.len() <= 10
            && words_before.iter().any(|&q| {
                t.key(q) == "version" || (t.key(q) == "v" && t.punct(q + 1) == Some('.'))
            })
            && ends;
        // The signing formula of a contract or a letter: "Fait à Créteil,
        // le 7 octobre 2022, en quatorze exemplaires", "Signé à Nice, le
        // 27 juin 2023, en présence de …".
        let fait_a = words_before.len() <= 8
            && words_before
                .first()
                .is_some_and(|&q| matches!(t.key(q), "fait" | "signe" | "signee"))
            && words_before.get(1).is_some_and(|&q| t.key(q) == "a")
            && words_before.last().is_some_and(|&q| t.key(q) == "le");
        // A meeting that adopted this very document: "Le comité de
        // pilotage régional, réuni le 16 mars 2023 à Corte, a validé ce
        // bilan."
        let adopts_this = role == DateRole::Meeting && {
            let mut found = false;
            let mut q = f.end;
            let mut words = 0;
            while q + 1 < t.len() && words < 10 && !matches!(t.punct(q), Some('.' | ';')) {
                if t.is_word(q) {
                    words += 1;
                    let k = t.key(q);
                    let verb = k.starts_with("adopt")
                        || k.starts_with("approuv")
                        || k.starts_with("valid")
                        || k.starts_with("arret");
                    let this = matches!(t.key(q + 1), "ce" | "cette")
                        || (matches!(t.key(q + 1), "le" | "la")
                            && t.key(q + 2).starts_with("present"));
                    if verb && this {
                        found = true;
                        break;
                    }
                }
                q += 1;
            }
            found
        };
        // What the line says of the date: signed, adopted, a version.
        let said = if adopts_this {
            Some(DateRole::Adoption)
        } else if fait_a
            || (governed && words_before.iter().any(|&q| t.key(q).starts_with("signe")))
        {
            Some(DateRole::Signing)
        } else if cover && (participle(first_word) || governed) {
            Some(DateRole::Adoption)
        } else if versioned && !governed {
            Some(DateRole::Version)
        } else {
            None
        };
        if let Some(r) = said {
            roles[n] = r;
        }
        // A caption in the head: "Le PTSM du Cher – 13 mars 2023" (the
        // date ends the line after a dash or a bar), "13/03/2023 –
        // Actualités" (it starts the line, a short rubric after it).
        let caption = f.first < head_limit && {
            // (Counted up to four: only "three at most" is asked, and a
            // long line holds many dates.)
            let after_words = (f.end..line_end).filter(|&q| t.is_word(q)).take(4).count();
            let dash_before = f.first > line_start
                && matches!(t.punct(f.first - 1), Some('–' | '—' | '|'))
                && t.get(f.first - 1).is_some_and(|x| x.space_before);
            let dash_after = matches!(t.punct(f.end), Some('–' | '—' | '|'))
                && t.get(f.end).is_some_and(|x| x.space_before);
            // A rubric line with its date between bullets: "Santé /
            // Solidarités • 12 décembre 2022 • Temps de lecture : 3 min".
            let bullet_before =
                f.first > line_start && matches!(t.punct(f.first - 1), Some('•' | '·'));
            let bullet_after = matches!(t.punct(f.end), Some('•' | '·'));
            let short = (line_start..line_end)
                .filter(|&q| t.is_word(q))
                .take(13)
                .count()
                <= 12;
            (dash_before && f.end >= line_end)
                || (f.first == line_start && dash_after && after_words <= 3)
                || (short && bullet_before && (bullet_after || f.end >= line_end))
        };
        let rank = match role {
            // "SÉANCE DU 10 JUILLET 2023 ⇥ Délibération n° …", "Réunion du
            // 24 juin 2022" at a deliberation's head.
            DateRole::Meeting
                if deliberation
                    && f.first < top_limit
                    && matches!(first_word, "seance" | "reunion")
                    && words_before.len() <= 2 =>
            {
                Some(0)
            }
            DateRole::Publication => Some(0),
            _ if dateline(t, f) && f.first < head_limit => Some(0),
            DateRole::Other if caption => Some(0),
            DateRole::Version => Some(1),
            _ if cover || versioned || fait_a || adopts_this => Some(1),
            DateRole::Meeting if minutes && f.first < head_limit => Some(2),
            // A meeting's header line: "Mercredi 15 janvier 2025, 9h-12h,
            // salle de réunion, Mamoudzou" (the date first, then its hours).
            _ if f.first < top_limit
                && words_before.len() <= 1
                && (line_start..f.first).all(|q| t.is_word(q))
                && t.punct(f.end) == Some(',')
                && t.get(f.end + 1)
                    .is_some_and(|x| x.kind == Kind::Number || t.is_word(f.end + 1))
                && is_time(t, f.end + 1) =>
            {
                Some(2)
            }
            // Minutes' header with the town first: "Cayenne, jeudi 16 juin
            // 2022 – 9h00 / 12h30 – siège de l’ARS".
            _ if minutes
                && f.first < top_limit
                && (1..=3).contains(&words_before.len())
                && f.first > line_start
                && t.punct(f.first - 1) == Some(',')
                && matches!(t.punct(f.end), Some('–' | '—' | '-' | ','))
                && is_time(t, f.end + 1) =>
            {
                Some(2)
            }
            // "Séance du 23 mai 2022" alone under an opinion's or a
            // report's heading: the sitting it records.
            DateRole::Meeting
                if f.first < head_limit
                    && matches!(first_word, "seance" | "reunion")
                    && words_before.len() <= 2
                    && f.end >= line_end =>
            {
                Some(2)
            }
            DateRole::Update => Some(3),
            _ => None,
        };
        if let Some(r) = rank {
            if best.is_none_or(|(b, _)| r < b) {
                best = Some((r, n));
            }
        }
    }
    let doc_date = best.map(|(_, n)| (n, found[n].from));
    // The document's year: its date, else a year heading ("Calendrier
    // 2018").
    let doc_year = doc_date
        .and_then(|(_, p)| p.year)
        .or_else(|| heading_year(t));
    let mut mentions = Vec::with_capacity(found.len());
    for (n, f) in found.iter().enumerate() {
        let mut from = f.from;
        let mut to = f.to;
        let mut inferred = false;
        // A year shared with the next dates of the same sentence.
        let shared = || -> Option<i32> {
            let line_end = t.line_end(f.first);
            found
                .iter()
                .skip(n + 1)
                .take_while(|g| g.first < line_end)
                .find_map(|g| {
                    g.to.and_then(|p| p.year)
                        .or(g.from.year)
                        .filter(|_| !g.bare_year)
                })
        };
        let missing = from.year.is_none() || to.is_some_and(|p| p.year.is_none());
        let value = if f.yearly {
            None
        } else if missing {
            let year = shared().or(doc_year);
            year.map(|y| {
                inferred = true;
                let mut y1 = y;
                if let (Some(w), Some(m), Some(d)) = (from.weekday, from.month, from.day) {
                    // The weekday decides between neighbouring years.
                    if day_of_week(y, m, d) != w {
                        if let Some(alt) = [y - 1, y + 1]
                            .into_iter()
                            .find(|&a| day_of_week(a, m, d) == w)
                        {
                            y1 = alt;
                        }
                    }
                }
                if from.year.is_none() {
                    from.year = Some(y1);
                }
                if let Some(p) = to.as_mut() {
                    if p.year.is_none() {
                        p.year = Some(y1);
                    }
                }
                iso(&from, to.as_ref())
            })
        } else {
            Some(iso(&from, to.as_ref()))
        };
        let role = match doc_date {
            Some((d, _)) if d == n => doc_role(roles[n], minutes),
            _ if roles[n] == DateRole::Other => role_after(t, f.end),
            _ => roles[n],
        };
        let r = t.range(f.first, f.end);
        mentions.push(DateMention {
            value,
            text: t.text.get(r.clone()).unwrap_or("").to_string(),
            role: if f.period { DateRole::Other } else { role },
            year_inferred: inferred,
            span: span(doc, r),
        });
    }
    let date = doc_date.and_then(|(n, p)| {
        let f = &found[n];
        let r = t.range(f.first, f.end);
        let role = doc_role(roles[n], minutes);
        Some(DateValue {
            value: p.iso(p.year?),
            text: t.text.get(r.clone())?.to_string(),
            role,
            span: span(doc, r),
        })
    });
    (date, mentions)
}

/// The role of the document's own date: a dateline is a publication, a
/// meeting on a cover that is no minutes is an adoption.
fn doc_role(role: DateRole, minutes: bool) -> DateRole {
    match role {
        DateRole::Other => DateRole::Publication,
        DateRole::Meeting if !minutes => DateRole::Adoption,
        r => r,
    }
}

/// The role told by the words right after a date ("Le 13 décembre 2023,
/// la signature du contrat …", "… 2021, le PTSM a été arrêté").
fn role_after(t: &Tokens, end: usize) -> DateRole {
    let line_end = t.line_end(end);
    for q in end..(end + 8).min(line_end) {
        if matches!(t.punct(q), Some('.' | ';')) {
            break;
        }
        let k = t.key(q);
        if k.starts_with("sign") || k.starts_with("paraph") {
            return DateRole::Signing;
        }
        if k.starts_with("adopt") || k.starts_with("approuv") || k.starts_with("valid") {
            return DateRole::Adoption;
        }
    }
    DateRole::Other
}

fn iso(from: &Point, to: Option<&Point>) -> String {
    let a = from.iso(from.year.unwrap_or(0));
    match to {
        Some(p) => format!("{a}/{}", p.iso(p.year.unwrap_or(0))),
        None => a,
    }
}

/// A year written alone after "Calendrier", "Agenda", "Programme" at the
/// start of a line: the year of the dates under it.
fn heading_year(t: &Tokens) -> Option<i32> {
    let mut i = 0;
    while i < t.len() {
        let s = i;
        if matches!(t.key(s), "calendrier" | "agenda" | "programme" | "planning") {
            if let Some(y) = year_at(t, s + 1) {
                if t.is_newline(s + 2) || s + 2 >= t.len() {
                    return Some(y);
                }
            }
        }
        i = t.line_end(i) + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    type Dates = (Option<String>, Vec<(String, Option<String>, DateRole)>);

    fn dates(text: &str) -> Dates {
        let doc = crate::normalize::normalize(
            &crate::ingest::read("t.txt", text.as_bytes(), &Default::default())
                .unwrap_or_else(|e| panic!("{e}")),
        );
        let t = Tokens::new(&doc.text);
        let (d, m) = extract(&doc, &t, false);
        (
            d.map(|d| d.value),
            m.into_iter().map(|m| (m.text, m.value, m.role)).collect(),
        )
    }

    #[test]
    fn weekdays() {
        assert_eq!(day_of_week(2023, 1, 18), 2);
        assert_eq!(day_of_week(2024, 4, 9), 1);
        assert_eq!(day_of_week(2000, 1, 1), 5);
    }

    #[test]
    fn forms_and_values() {
        let (_, m) = dates("Le décret du 27 juillet 2017 ; le 7/12/2020 ; Version 12.12.2019 ; Apr 10, 2023 ; Post on 24-Jan-2021 ; MAI 2018 ; janvier2016 ; printemps 2024 ; T2 2021 ; 1er semestre 2020 ; 2021-2025 ; en 2021.");
        let vals: Vec<_> = m
            .iter()
            .map(|(t, v, _)| (t.as_str(), v.clone().unwrap_or_default()))
            .collect();
        assert_eq!(
            vals,
            [
                ("27 juillet 2017", "2017-07-27".to_string()),
                ("7/12/2020", "2020-12-07".into()),
                ("12.12.2019", "2019-12-12".into()),
                ("Apr 10, 2023", "2023-04-10".into()),
                ("24-Jan-2021", "2021-01-24".into()),
                ("MAI 2018", "2018-05".into()),
                ("janvier2016", "2016-01".into()),
                ("printemps 2024", "2024".into()),
                ("T2 2021", "2021-Q2".into()),
                ("1er semestre 2020", "2020".into()),
                ("2021-2025", "2021/2025".into()),
                ("en 2021", "2021".into()),
            ]
        );
        assert_eq!(m[0].2, DateRole::Law);
    }

    /// A document's own date on its cover, its last line or its running
    /// footer; the sitting an opinion records.
    #[test]
    fn signed_validated_and_sitting_dates() {
        let body = "Le texte du contrat suit, en plusieurs paragraphes. ".repeat(3);
        assert_eq!(
            dates(&format!("Contrat territorial de santé mentale\nde Seine-et-Marne\n\nSigné le 30 juin 2022 à Melun\n\n{body}\n")).0.as_deref(),
            Some("2022-06-30")
        );
        assert_eq!(
            dates(&format!("Fiches action\n\n{body}\n\nDocument validé le 15 décembre 2021 par le comité de pilotage\n")).0.as_deref(),
            Some("2021-12-15")
        );
        assert_eq!(
            dates(&format!("Gouvernance\n\n{body}\nPTSM 974 – Validé par le comité de pilotage du 25 novembre 2020 — 88 —\n")).0.as_deref(),
            Some("2020-11-25")
        );
        assert_eq!(
            dates(&format!("CONSEIL TERRITORIAL DE SANTÉ\nAvis sur le projet de contrat\nSéance du 23 mai 2022\n\n{body}\n")).0.as_deref(),
            Some("2022-05-23")
        );
        // A newsroom's byline; a meeting's header line, not an agenda's
        // item further down.
        assert_eq!(
            dates(&format!(
                "Corse Net Infos\n\nLa rédaction le Jeudi 23 Janvier 2025 à 18:30\n\n{body}\n"
            ))
            .0
            .as_deref(),
            Some("2025-01-23")
        );
        assert_eq!(
            dates(&format!("Notes de réunion – PTSM de Mayotte\nMercredi 15 janvier 2025, 9h-12h, salle de réunion, Mamoudzou\n\n{body}\n")).0.as_deref(),
            Some("2025-01-15")
        );
        assert_eq!(
            dates(&format!("La lettre du PTSM – printemps 2024\n\n{body}\n\nAgenda\n• Mardi 14 mai 2024, 14 h : comité de pilotage\n")).0,
            None
        );
        // A sentence of the body is none.
        assert_eq!(
            dates(&format!("Titre\n\n{body} Le contrat signé le 30 juin 2022 à Melun par les partenaires engage la suite.\n")).0,
            None
        );
    }

    #[test]
    fn intervals() {
        let (_, m) = dates("Du 1er avril 2019 au 31 décembre 2019 ; sessions les 14-15 mai et 19-20 novembre 2019. Les 10 et 11 octobre 2019, entre mars et octobre 2019, du 5 au 10 février 2018.");
        let vals: Vec<_> = m
            .iter()
            .map(|(_, v, _)| v.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            vals,
            [
                "2019-04-01/2019-12-31",
                "2019-05-14/2019-05-15",
                "2019-11-19/2019-11-20",
                "2019-10-10/2019-10-11",
                "2019-03/2019-10",
                "2018-02-05/2018-02-10"
            ]
        );
    }

    #[test]
    fn not_dates() {
        let (_, m) = dates(
            "Publié à 16:31, à 06h08 ; le décret n° 2017-1200 ; pendant dix-huit mois ; 18 heures.",
        );
        assert!(m.is_empty(), "{m:?}");
    }

    #[test]
    fn document_date_by_the_guide() {
        assert_eq!(
            dates("Titre\nPublié le 23/10/2019 à 06h08 | Mis à jour le 24/10/2019")
                .0
                .as_deref(),
            Some("2019-10-23")
        );
        assert_eq!(
            dates("Titre\nMis à jour le 4 mars 2024\nTexte du 5 mai 2024.")
                .0
                .as_deref(),
            Some("2024-03-04")
        );
        assert_eq!(
            dates("Communiqué\nNantes, le 13 décembre 2023\nTitre")
                .0
                .as_deref(),
            Some("2023-12-13")
        );
        assert_eq!(dates("Le 26 octobre 2020, le PTSM a été approuvé.").0, None);
        assert_eq!(dates("Titre\nAvril 2021").0, None);
        assert_eq!(
            dates("Titre\nDocument de travail – Version 2 du 8 décembre 2023")
                .0
                .as_deref(),
            Some("2023-12-08")
        );
    }

    #[test]
    fn years_from_the_document_checked_by_weekday() {
        let (d, m) = dates("Titre\nPublié le 15 avril 2024\nLe comité s’est réuni le mardi 9 avril ; bilan au 31 mars de chaque année.");
        assert_eq!(d.as_deref(), Some("2024-04-15"));
        assert_eq!(m[1].1.as_deref(), Some("2024-04-09"));
        assert_eq!(m[2].1, None);
        let (_, m) = dates("Calendrier 2018\n• 5 février : réunion");
        assert_eq!(
            m.last().and_then(|x| x.1.clone()).as_deref(),
            Some("2018-02-05")
        );
    }

    #[test]
    fn document_dates_of_pages_and_planning_documents() {
        let cases = [
            ("Titre\nActualité | 02.02.2024\nTexte.", "2024-02-02", DateRole::Publication),
            ("Titre\nPar Thomas Holveck - 12 déc. 2023 à 19:05 | mis à jour le 13 déc. 2023 à 07:30\nTexte.", "2023-12-12", DateRole::Publication),
            ("Titre\nPublié le 3 janv. 24 à 17:45 ; mis à jour le 4 janv. 24 à 9:12\nTexte.", "2024-01-03", DateRole::Publication),
            ("Titre\nPublié le 29 Juin 22 à 18:30\nTexte.", "2022-06-29", DateRole::Publication),
            ("De : Coordination PTSM 39 <ptsm39@example.fr>\nEnvoyé : mardi 14 novembre 2023 10:42\nObjet : Plénière\n\nBonjour,\nTexte.", "2023-11-14", DateRole::Publication),
            ("DÉPARTEMENT DU JURA\nCOMMISSION PERMANENTE\nSÉANCE DU 10 JUILLET 2023\tDélibération n° 3C4-11\nTexte.\nActe rendu exécutoire après transmission en préfecture le 17/07/2023\net publication le 18/07/2023", "2023-07-10", DateRole::Adoption),
            ("Titre\nDate de publication : 2023-11-07\nTexte.", "2023-11-07", DateRole::Publication),
            ("Contrat.\nFait à Créteil, le 7 octobre 2022, en quatorze exemplaires originaux.", "2022-10-07", DateRole::Signing),
            ("Annexe – signataires.\nSigné à Nice, le 27 juin 2023, en présence de l’ensemble des signataires.", "2023-06-27", DateRole::Signing),
            ("COMPTE RENDU\nCompte rendu approuvé en séance du 18 janvier 2024\nTexte.", "2024-01-18", DateRole::Adoption),
            ("Texte.\nPTSM 06 – version adoptée le 14/10/2020 47", "2020-10-14", DateRole::Adoption),
            ("Texte.\nCTSM 21 – Annexe 1 – v. 2023-01-30", "2023-01-30", DateRole::Version),
            ("Le PTSM du Cher\nPar Marie Dupont, le 12 mars 2023 à 10h30\n\nTexte.", "2023-03-12", DateRole::Publication),
            ("Le PTSM du Cher – 13 mars 2023\n\nTexte.", "2023-03-13", DateRole::Publication),
            ("Actualité du 12 mars 2023\n\nLe PTSM du Cher\n\nTexte.", "2023-03-12", DateRole::Publication),
            ("Le PTSM du Cher\n\nDate : 12/03/2023\n\nTexte.", "2023-03-12", DateRole::Publication),
            ("Le PTSM du Cher\n\nLundi, 13 mars 2023\n\nTexte.", "2023-03-13", DateRole::Publication),
            ("COMMUNIQUÉ DE PRESSE\nParis, 13 mars 2023\n\nLe PTSM du Cher\n\nTexte.", "2023-03-13", DateRole::Publication),
            ("Le PTSM du Cher\n\n13/03/2023 – Actualités\n\nTexte.", "2023-03-13", DateRole::Publication),
            ("Le PTSM du Cher\nPar Jeanne Martin\nLe 03/02/2023 à 18:05\n\nTexte.", "2023-02-03", DateRole::Publication),
            ("Le PTSM du Cher\n\nJeudi 7 septembre 2023 à 17:20 - Par Paul Durand\n\nTexte.", "2023-09-07", DateRole::Publication),
            ("Le PTSM du Cher\n\n13 mars 2023, 10 h 30\n\nTexte.", "2023-03-13", DateRole::Publication),
            ("Le PTSM du Cher\nPublié le 12 janv. 24 à 17h45\nTexte.", "2024-01-12", DateRole::Publication),
            ("Le PTSM des Yvelines\n\nPublié le 12/06/23 - 17h30\n\nTexte.", "2023-06-12", DateRole::Publication),
            ("La révision du PTSM\n\nSAINT-DENIS (La Réunion), 5 avril 2024 (APMnews) - L'agence a lancé la révision.", "2024-04-05", DateRole::Publication),
            ("Comité de pilotage du PTSM 08 – mardi 12 mars 2024, 14h00-16h30\nRELEVÉ DE DÉCISIONS\nTexte.\nRelevé validé par la présidente de séance le 26 mars 2024.\n", "2024-03-26", DateRole::Adoption),
            ("Le PTSM du Cher\nTexte.\nRédaction : Françoise Vuillemin, déléguée départementale – le 2 décembre 2023\n", "2023-12-02", DateRole::Publication),
            ("Le PTSM du Cher\n\nSanté / Solidarités • 12 décembre 2022 • Temps de lecture : 3 min\n\nTexte.", "2022-12-12", DateRole::Publication),
            ("Le PTSM du Cher\nLe 15/05/2024 à 18:02 mis à jour le 16/05/2024 à 09:11\nTexte.", "2024-05-15", DateRole::Publication),
            ("FICHE ACTION 3.2\nTexte de la fiche.\nFiche validée en COPIL le 08/10/2021\n", "2021-10-08", DateRole::Adoption),
            ("PTSM – Bilan annuel 2022\nLe comité de pilotage régional, réuni le 16 mars 2023 à Corte, a validé ce bilan. Le 1er septembre 2022, l’équipe a ouvert.", "2023-03-16", DateRole::Adoption),
            ("Ajaccio : les Assises\n\nRédigé par la rédaction le Vendredi 7 Juin 2024 à 18:32\n\nTexte.", "2024-06-07", DateRole::Publication),
            ("Santé mentale : à mi-parcours\n\nPar Anli Bachirou  12/10/2023  Santé  0 commentaire\n\nTexte.", "2023-10-12", DateRole::Publication),
            ("Les PTSM en région\n\nMis à jour le 19 septembre 2023\n\nAlpes-de-Haute-Provence – PTSM 04\nArrêté le 30/12/2020 – CTSM signé le 06/07/2022\n\nHautes-Alpes – PTSM 05\nArrêté le 19/11/2020 – CTSM signé le 14/12/2021\n", "2023-09-19", DateRole::Update),
            ("PTSM de la Drôme\nArrêté le 30/12/2020 – modifié le 06/07/2022\n\nTexte.", "2020-12-30", DateRole::Adoption),
        ];
        for (text, value, role) in cases {
            let doc = crate::normalize::normalize(
                &crate::ingest::read("t.txt", text.as_bytes(), &Default::default())
                    .unwrap_or_else(|e| panic!("{e}")),
            );
            let t = Tokens::new(&doc.text);
            let (date, _) = extract(&doc, &t, false);
            let date = date.unwrap_or_else(|| panic!("no date in {text:?}"));
            assert_eq!((date.value.as_str(), date.role), (value, role), "{text:?}");
        }
    }

    /// Minutes whose header names the town, then the day and its hours.
    #[test]
    fn minutes_header_with_its_town() {
        let text = "COMPTE RENDU\nComité de pilotage du PTSM du Jura\nDole, jeudi 16 juin 2022 – 9h00 / 12h30 – salle du conseil\n\nParticipants\nTexte.";
        let doc = crate::normalize::normalize(
            &crate::ingest::read("t.txt", text.as_bytes(), &Default::default())
                .unwrap_or_else(|e| panic!("{e}")),
        );
        let t = Tokens::new(&doc.text);
        assert_eq!(
            extract(&doc, &t, true).0.map(|d| d.value).as_deref(),
            Some("2022-06-16")
        );
        // (Not outside minutes: a town and a date in a sentence's list.)
        assert_eq!(extract(&doc, &t, false).0.map(|d| d.value), None);
    }
}
