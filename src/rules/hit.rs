//! One match of a rule in a file, as a kind reports it, before the engine makes it a finding.
//!
//! A hit is a span and the matched text; anything else a kind knows about it is in one optional
//! box of extras, so the common hit (a banned call) stays small.
//!
//! How a finding's text is composed from a hit and its rule (the one policy, applied by the
//! engine for per-file findings and by the templates given to [`super::kind::RuleKind::cross_file`]):
//! - **message**: the hit's `message` when it has one, else the rule's `message`; then the
//!   placeholders are filled: `{match}` with the matched text, and every `{name}` with the hit's
//!   variables (`{what}`, `{from}`, `{to}`, …);
//! - **help**: the hit's own `help` (what this kind knows about this match: the token to use,
//!   the layers allowed) followed by the rule's `help` (placeholders filled), as two
//!   sentences; either may be missing;
//! - **severity**: the hit's when it has one (an unresolved import, an env-var default), else the
//!   rule's.

use crate::core::{Fix, Severity};

use super::fact::Fact;

/// One match of a rule in a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// What matched: a call path, macro, import specifier, type, or the matched text.
    pub(crate) matched: String,
    /// Counted or carried to the cross-file stage, never reported itself (e.g. an import edge).
    pub(crate) silent: bool,
    /// This hit is an import that could not be resolved: counted in the summary.
    pub(crate) unresolved: bool,
    pub(crate) extras: Option<Box<Extras>>,
}

/// What a kind knows about a hit beyond its span.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Extras {
    /// Values for the placeholders (`{what}`, `{from}`, `{to}`, …) of the message and help.
    pub(crate) vars: Vec<(&'static str, String)>,
    /// Replaces the rule's message (e.g. "cannot resolve import …").
    pub(crate) message: Option<String>,
    /// The kind's own help for this match, put before the rule's help.
    pub(crate) help: Option<String>,
    /// Overrides the rule's severity.
    pub(crate) severity: Option<Severity>,
    /// The span holds a secret: never print its source (`matched` is already redacted).
    pub(crate) redact: bool,
    /// A mechanical fix (editors offer it as a code action).
    pub(crate) fix: Option<Fix>,
    /// A typed fact for the rule's cross-file stage; the engine places it (file, line, span).
    pub(crate) fact: Option<Fact>,
}

impl Hit {
    pub(crate) fn new(start: usize, end: usize, matched: impl Into<String>) -> Hit {
        Hit {
            start,
            end,
            matched: matched.into(),
            ..Default::default()
        }
    }

    fn extras_mut(&mut self) -> &mut Extras {
        self.extras.get_or_insert_with(Default::default)
    }

    /// Not reported itself (counted, or carrying a fact).
    pub(crate) fn silent(mut self) -> Hit {
        self.silent = true;
        self
    }

    pub(crate) fn var(mut self, name: &'static str, value: impl Into<String>) -> Hit {
        self.extras_mut().vars.push((name, value.into()));
        self
    }

    pub(crate) fn message(mut self, message: impl Into<String>) -> Hit {
        self.extras_mut().message = Some(message.into());
        self
    }

    pub(crate) fn help(mut self, help: Option<String>) -> Hit {
        if help.is_some() {
            self.extras_mut().help = help;
        }
        self
    }

    pub(crate) fn severity(mut self, severity: Option<Severity>) -> Hit {
        if severity.is_some() {
            self.extras_mut().severity = severity;
        }
        self
    }

    pub(crate) fn redact(mut self, redact: bool) -> Hit {
        if redact {
            self.extras_mut().redact = true;
        }
        self
    }

    pub(crate) fn fix(mut self, fix: Option<Fix>) -> Hit {
        if fix.is_some() {
            self.extras_mut().fix = fix;
        }
        self
    }

    pub(crate) fn fact(mut self, fact: Fact) -> Hit {
        self.extras_mut().fact = Some(fact);
        self
    }

    /// The fact this hit carries, if any.
    pub(crate) fn fact_ref(&self) -> Option<&Fact> {
        self.extras.as_ref().and_then(|e| e.fact.as_ref())
    }
}
