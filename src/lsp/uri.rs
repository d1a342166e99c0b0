//! `file://` URIs ↔ paths. Documents are always answered with the URI the client sent; these are
//! for finding a buffer's file on disk and for the URIs archdrift makes itself (ADR documents,
//! related locations).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;

/// The path of a `file:` URI (percent-decoded); None for other schemes or remote hosts.
pub(crate) fn to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s
        .strip_prefix("file://")
        .or_else(|| s.strip_prefix("FILE://"))?;
    let slash = rest.find('/')?;
    let host = &rest[..slash];
    if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
        return None;
    }
    let path = &rest[slash..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    if cfg!(windows) {
        // `/C:/dir` → `C:/dir`
        let b = decoded.as_bytes();
        if b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' {
            return Some(PathBuf::from(&decoded[1..]));
        }
    }
    Some(PathBuf::from(decoded))
}

/// The `file://` URI of an absolute path.
pub(crate) fn from_path(path: &Path) -> Option<Uri> {
    let s = path.to_str()?.replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=@".contains(&b) || b == b':' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_spaces_and_non_ascii() {
        let p = Path::new("/tmp/my dir/ünï#code%/x.tsx");
        let u = from_path(p).unwrap();
        assert_eq!(
            u.as_str(),
            "file:///tmp/my%20dir/%C3%BCn%C3%AF%23code%25/x.tsx"
        );
        assert_eq!(to_path(&u).unwrap(), p);
        let vscode = Uri::from_str("file:///tmp/a%3Ab/x.ts").unwrap();
        assert_eq!(to_path(&vscode).unwrap(), Path::new("/tmp/a:b/x.ts"));
        assert_eq!(
            to_path(&Uri::from_str("untitled:Untitled-1").unwrap()),
            None
        );
        assert_eq!(
            to_path(&Uri::from_str("file://server/share/x.ts").unwrap()),
            None
        );
    }
}
