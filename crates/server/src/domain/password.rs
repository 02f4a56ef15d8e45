//! The password policy: long enough, and not guessable from the common-password
//! lists and the person's own name or address (zxcvbn's dictionaries).

use orgdesk_api::validate::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, password_length_ok};

/// Why a password was refused, in words for the person choosing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weakness {
    Length,
    Guessable(String),
}

impl Weakness {
    pub fn message(&self) -> String {
        match self {
            Self::Length => {
                format!("use between {PASSWORD_MIN_CHARS} and {PASSWORD_MAX_CHARS} characters")
            }
            Self::Guessable(why) => why.clone(),
        }
    }
}

/// Checks a new password; `personal` are the person's own words (name, email).
pub fn check(password: &str, personal: &[&str]) -> Result<(), Weakness> {
    if !password_length_ok(password) {
        return Err(Weakness::Length);
    }
    let entropy = zxcvbn::zxcvbn(password, personal);
    if entropy.score() >= zxcvbn::Score::Three {
        return Ok(());
    }
    let warning = entropy
        .feedback()
        .and_then(|f| f.warning())
        .map(|w| w.to_string())
        .unwrap_or_else(|| "this password is too easy to guess".into());
    Err(Weakness::Guessable(format!(
        "{warning}; add more unusual words or characters"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_short_passwords_are_refused() {
        assert_eq!(check("short", &[]), Err(Weakness::Length));
        for weak in [
            "password1234",
            "123456789012",
            "qwertyuiopas",
            "aaaaaaaaaaaa",
            "iloveyou1234",
        ] {
            assert!(
                matches!(check(weak, &[]), Err(Weakness::Guessable(_))),
                "{weak}"
            );
        }
        assert!(
            check(
                "alice.smith@example.com",
                &["alice.smith@example.com", "Alice Smith"]
            )
            .is_err()
        );
    }

    #[test]
    fn passphrases_pass() {
        for strong in [
            "violet-harbor-7-lantern",
            "Tr0ub4dor&3xylophone",
            "correct horse battery staple",
        ] {
            assert_eq!(check(strong, &[]), Ok(()), "{strong}");
        }
    }
}
