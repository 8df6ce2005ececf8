//! The page's address and the resolution of its links against it (RFC 3986
//! section 5.2, for the `http`/`https` addresses web pages have): enough
//! to give an attachment an absolute address, which is all ptsm does with
//! links.

use dom_query::Document;

/// Whether `s` is an absolute `http` or `https` address.
pub fn is_absolute_http(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && authority_end(s).is_some()
}

/// The address links of the page are resolved against: its `<base href>`
/// (itself resolved against the page's own address), else the address the
/// page was read from when `name` is one, else its canonical address.
pub fn base(name: &str, doc: &Document) -> Option<String> {
    let own = is_absolute_http(name).then(|| name.to_string());
    let attr = |sel: &str, a: &str| {
        doc.select(sel)
            .nodes()
            .first()
            .and_then(|n| n.attr(a))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    if let Some(b) = attr("base[href]", "href") {
        if is_absolute_http(&b) {
            return Some(b);
        }
        if let Some(own) = &own {
            return Some(resolve(own, &b));
        }
    }
    own.or_else(|| attr("link[rel~=canonical][href]", "href").filter(|c| is_absolute_http(c)))
        .or_else(|| {
            attr("meta[property=\"og:url\"][content]", "content").filter(|c| is_absolute_http(c))
        })
}

/// Byte offset where the authority ("host:port") of an absolute address
/// ends.
fn authority_end(s: &str) -> Option<usize> {
    let start = s.find("://")? + 3;
    let rest = s.get(start..)?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    (end > 0).then_some(start + end)
}

/// `href` resolved against `base` (absolute `http(s)`); `href` as it is
/// when `base` is not absolute or `href` already is.
pub fn resolve(base: &str, href: &str) -> String {
    let href = href.trim();
    let has_scheme = href.find(':').is_some_and(|i| {
        i > 0
            && href.get(..i).is_some_and(|s| {
                s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            })
    });
    if has_scheme || !is_absolute_http(base) {
        return href.to_string();
    }
    let Some(auth_end) = authority_end(base) else {
        return href.to_string();
    };
    let scheme_end = base.find(':').unwrap_or(0);
    let (origin, rest) = base.split_at(auth_end);
    // The base without its query and fragment.
    let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
    let (base_path, base_query) = rest.split_at(path_end);
    let base_query = base_query.split('#').next().unwrap_or("");
    if let Some(net) = href.strip_prefix("//") {
        return format!("{}//{net}", base.get(..=scheme_end).unwrap_or("https:"));
    }
    if href.is_empty() {
        return format!("{origin}{base_path}{base_query}");
    }
    if href.starts_with('#') {
        return format!("{origin}{base_path}{base_query}{href}");
    }
    if href.starts_with('?') {
        return format!("{origin}{base_path}{href}");
    }
    let (path, tail) = match href.find(['?', '#']) {
        Some(i) => href.split_at(i),
        None => (href, ""),
    };
    let merged = if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = base_path
            .rfind('/')
            .map_or("/", |i| base_path.get(..=i).unwrap_or("/"));
        format!("{dir}{path}")
    };
    format!("{origin}{}{tail}", remove_dot_segments(&merged))
}

/// RFC 3986 5.2.4: "/a/b/../c/./d" → "/a/c/d".
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_3986_examples() {
        let b = "http://a/b/c/d;p?q";
        for (href, want) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("mailto:x@y", "mailto:x@y"),
        ] {
            assert_eq!(resolve(b, href), want, "{href}");
        }
        assert_eq!(resolve("not a url", "/g"), "/g");
        assert_eq!(
            resolve(
                "https://www.ars.sante.fr/actualites/x",
                "/media/1/download?inline"
            ),
            "https://www.ars.sante.fr/media/1/download?inline"
        );
    }
}
