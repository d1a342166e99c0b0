//! Typed, spanned access to one TOML table of a configuration file: every wrong type or unknown
//! key becomes a [`ConfigError`] at its line, with "did you mean" for typos.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::source::{ConfigError, SourceFile};

/// Typed, spanned access to the keys of one TOML table; `finish` rejects the keys nobody read.
pub(crate) struct Fields<'a, 'i> {
    pub(crate) src: &'a SourceFile,
    table: &'a DeTable<'i>,
    span: Range<usize>,
}

impl<'a, 'i> Fields<'a, 'i> {
    pub(crate) fn new(src: &'a SourceFile, table: &'a DeTable<'i>, span: Range<usize>) -> Self {
        Fields { src, table, span }
    }

    pub(crate) fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    fn type_error(&self, v: &Spanned<DeValue<'_>>, key: &str, expected: &str) -> ConfigError {
        ConfigError::at(
            self.src,
            v.span(),
            format!(
                "`{key}` must be {expected}, found {}",
                v.get_ref().type_str()
            ),
        )
        .label(format!("expected {expected}"))
    }

    /// The keys of the table, with their spans, in document order.
    pub(crate) fn keys(&self) -> Vec<Spanned<String>> {
        let mut keys: Vec<Spanned<String>> = self
            .table
            .iter()
            .map(|(k, _)| Spanned::new(k.span(), k.get_ref().to_string()))
            .collect();
        keys.sort_by_key(|k| k.span().start);
        keys
    }

    pub(crate) fn str(&self, key: &str) -> Result<Option<Spanned<String>>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref().as_str() {
                Some(s) => Ok(Some(Spanned::new(v.span(), s.to_string()))),
                None => Err(self.type_error(v, key, "a string")),
            },
        }
    }

    pub(crate) fn req_str(&self, key: &str) -> Result<Spanned<String>, ConfigError> {
        self.str(key)?.ok_or_else(|| {
            ConfigError::at(
                self.src,
                self.header_span(),
                format!("missing field `{key}`"),
            )
            .label(format!("this table needs `{key}`"))
        })
    }

    pub(crate) fn bool(&self, key: &str) -> Result<Option<Spanned<bool>>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref().as_bool() {
                Some(b) => Ok(Some(Spanned::new(v.span(), b))),
                None => Err(self.type_error(v, key, "a boolean")),
            },
        }
    }

    pub(crate) fn int(&self, key: &str) -> Result<Option<Spanned<i64>>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => {
                let n = v.get_ref().as_integer().and_then(|i| {
                    i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
                });
                match n {
                    Some(n) => Ok(Some(Spanned::new(v.span(), n))),
                    None => Err(self.type_error(v, key, "an integer")),
                }
            }
        }
    }

    /// A number (integer or float).
    pub(crate) fn get_float(&self, key: &str) -> Result<Option<Spanned<f64>>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => {
                let n = match v.get_ref() {
                    DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
                    DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
                    _ => None,
                };
                match n.filter(|n| n.is_finite()) {
                    Some(n) => Ok(Some(Spanned::new(v.span(), n))),
                    None => Err(self.type_error(v, key, "a number")),
                }
            }
        }
    }

    /// A table of strings (`elements = { button = "Button" }`), keys and values with spans.
    #[allow(clippy::type_complexity)]
    pub(crate) fn str_map(
        &self,
        key: &str,
    ) -> Result<Option<Vec<(Spanned<String>, Spanned<String>)>>, ConfigError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let Some(t) = v.get_ref().as_table() else {
            return Err(self.type_error(v, key, "a table of strings"));
        };
        t.iter()
            .map(|(k, item)| match item.get_ref().as_str() {
                Some(s) => Ok((
                    Spanned::new(k.span(), k.get_ref().to_string()),
                    Spanned::new(item.span(), s.to_string()),
                )),
                None => Err(self.type_error(item, key, "a table of strings")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// A string or an array of strings.
    pub(crate) fn str_list(&self, key: &str) -> Result<Option<Vec<Spanned<String>>>, ConfigError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        if let Some(s) = v.get_ref().as_str() {
            return Ok(Some(vec![Spanned::new(v.span(), s.to_string())]));
        }
        let Some(arr) = v.get_ref().as_array() else {
            return Err(self.type_error(v, key, "a string or an array of strings"));
        };
        arr.iter()
            .map(|item| match item.get_ref().as_str() {
                Some(s) => Ok(Spanned::new(item.span(), s.to_string())),
                None => Err(self.type_error(item, key, "an array of strings")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    pub(crate) fn table(&self, key: &str) -> Result<Option<Fields<'a, 'i>>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref().as_table() {
                Some(t) => Ok(Some(Fields::new(self.src, t, v.span()))),
                None => Err(self.type_error(v, key, "a table")),
            },
        }
    }

    /// The span to blame for a missing key: the table's first line.
    fn header_span(&self) -> Range<usize> {
        let text = &self.src.text;
        let start = self.span.start.min(text.len());
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        start..end.max(start)
    }

    /// Errors on the first key not in `known`, suggesting the closest known one.
    pub(crate) fn finish(&self, known: &[&str]) -> Result<(), ConfigError> {
        for (k, _) in self.table.iter() {
            if !known.contains(&k.get_ref().as_ref()) {
                let mut e = ConfigError::at(
                    self.src,
                    k.span(),
                    format!("unknown field `{}`", k.get_ref()),
                )
                .label("unknown field");
                e = match closest(k.get_ref(), known) {
                    Some(s) => e.help(format!(
                        "did you mean `{s}`? expected one of: {}",
                        known.join(", ")
                    )),
                    None => e.help(format!("expected one of: {}", known.join(", "))),
                };
                return Err(e);
            }
        }
        Ok(())
    }
}

/// The known name closest to `s` by edit distance, if close enough to be a typo.
pub(crate) fn closest<'k>(s: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (levenshtein(s, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
