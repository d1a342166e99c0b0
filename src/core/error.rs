//! What a command returns when it cannot do its job. Commands return these; only the command
//! line maps them to exit codes and prints them.

use super::source::ConfigError;

/// A command's failure (exit code 2).
#[derive(Debug)]
pub(crate) enum CommandError {
    /// A usage or run error: a sentence for the user and an optional hint.
    Usage {
        message: String,
        help: Option<String>,
    },
    /// Configuration errors, printed as diagnostics pointing into the files.
    Config(Vec<ConfigError>),
}

impl CommandError {
    pub(crate) fn usage(message: impl Into<String>) -> CommandError {
        CommandError::Usage {
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn with_help(message: impl Into<String>, help: impl Into<String>) -> CommandError {
        CommandError::Usage {
            message: message.into(),
            help: Some(help.into()),
        }
    }
}

impl From<String> for CommandError {
    fn from(message: String) -> Self {
        CommandError::usage(message)
    }
}

impl From<Vec<ConfigError>> for CommandError {
    fn from(errors: Vec<ConfigError>) -> Self {
        CommandError::Config(errors)
    }
}
