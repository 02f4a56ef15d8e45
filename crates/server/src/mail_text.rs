//! The words of every mail, in English and German.

use crate::mail::{Mail, escape};

/// The languages mail is written in; anything else falls back to English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    De,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
        }
    }

    pub fn parse(code: &str) -> Self {
        if code.trim().to_ascii_lowercase().starts_with("de") {
            Self::De
        } else {
            Self::En
        }
    }

    /// The first supported language of an `Accept-Language` header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut ranked: Vec<(f32, &str)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse().ok())
                    .unwrap_or(1.0);
                Some((q, tag))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.into_iter().find_map(|(_, tag)| {
            match tag.get(..2).map(str::to_ascii_lowercase).as_deref() {
                Some("de") => Some(Self::De),
                Some("en") => Some(Self::En),
                _ => None,
            }
        })
    }
}

fn both(to: &str, subject: String, paragraphs: &[String], link: Option<(&str, &str)>) -> Mail {
    let mut text = paragraphs.join("\n\n");
    let mut html = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>", escape(p)))
        .collect::<String>();
    if let Some((label, url)) = link {
        text.push_str(&format!("\n\n{label}: {url}\n"));
        html.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>",
            escape(url),
            escape(label)
        ));
    }
    Mail {
        to: to.into(),
        subject,
        text,
        html,
    }
}

/// An invitation with a registration link.
pub fn invitation(lang: Lang, to: &str, inviter: &str, org: &str, link: &str) -> Mail {
    match lang {
        Lang::En => both(
            to,
            format!("{inviter} invited you to {org} on Orgdesk"),
            &[
                "Hello,".into(),
                format!("{inviter} invited you to join {org}."),
                "Open the link to accept. It works once and for 7 days; if you did not expect this, ignore this mail.".into(),
            ],
            Some(("Accept the invitation", link)),
        ),
        Lang::De => both(
            to,
            format!("{inviter} hat Sie zu {org} auf Orgdesk eingeladen"),
            &[
                "Hallo,".into(),
                format!("{inviter} hat Sie eingeladen, {org} beizutreten."),
                "Öffnen Sie den Link, um die Einladung anzunehmen. Er gilt einmal und 7 Tage lang; falls Sie keine Einladung erwartet haben, ignorieren Sie diese E-Mail.".into(),
            ],
            Some(("Einladung annehmen", link)),
        ),
    }
}

/// A notice to an existing account that it now has access.
pub fn added(
    lang: Lang,
    to: &str,
    inviter: &str,
    inviter_email: &str,
    org: &str,
    sign_in: &str,
) -> Mail {
    match lang {
        Lang::En => both(
            to,
            format!("You now have access to {org} on Orgdesk"),
            &[
                "Hello,".into(),
                format!(
                    "{inviter} ({inviter_email}) added you to {org}. Sign in with your existing Orgdesk account."
                ),
                format!(
                    "If you do not want to belong to {org}, leave it: in the Orgdesk console open My Profile, then Organizations, and choose Leave beside {org}. Its admins see only what you do there, never your other organizations."
                ),
            ],
            Some(("Sign in", sign_in)),
        ),
        Lang::De => both(
            to,
            format!("Sie haben jetzt Zugang zu {org} auf Orgdesk"),
            &[
                "Hallo,".into(),
                format!(
                    "{inviter} ({inviter_email}) hat Sie zu {org} hinzugefügt. Melden Sie sich mit Ihrem bestehenden Orgdesk-Konto an."
                ),
                format!(
                    "Wenn Sie nicht zu {org} gehören möchten, treten Sie aus: Öffnen Sie in der Orgdesk-Konsole Mein Profil, dann Organisationen, und wählen Sie Verlassen neben {org}. Die Admins dort sehen nur, was Sie dort tun, nie Ihre anderen Organisationen."
                ),
            ],
            Some(("Anmelden", sign_in)),
        ),
    }
}

/// A link confirming a new email address.
pub fn confirm_email(lang: Lang, to: &str, name: &str, link: &str) -> Mail {
    match lang {
        Lang::En => both(
            to,
            "Confirm your email address for Orgdesk".into(),
            &[format!("Hello {name},"), "please confirm this email address. The link works once and for 24 hours. If you did not ask for this, ignore this mail.".into()],
            Some(("Confirm my email address", link)),
        ),
        Lang::De => both(
            to,
            "Bestätigen Sie Ihre E-Mail-Adresse für Orgdesk".into(),
            &[format!("Hallo {name},"), "bitte bestätigen Sie diese E-Mail-Adresse. Der Link gilt einmal und 24 Stunden lang. Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail.".into()],
            Some(("E-Mail-Adresse bestätigen", link)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported() {
        assert_eq!(
            Lang::from_accept_language("de-DE,de;q=0.9,en;q=0.8"),
            Some(Lang::De)
        );
        assert_eq!(
            Lang::from_accept_language("fr-FR, en;q=0.5, de;q=0.7"),
            Some(Lang::De)
        );
        assert_eq!(Lang::from_accept_language("fr"), None);
        assert_eq!(Lang::parse("de-AT"), Lang::De);
        assert_eq!(Lang::parse("xx"), Lang::En);
    }

    #[test]
    fn mails_escape_what_people_typed() {
        let mail = invitation(
            Lang::De,
            "a@b.c",
            "<b>Eve</b>",
            "Acme & Co",
            "https://x/invite/t",
        );
        assert!(mail.subject.starts_with("<b>Eve</b> hat Sie"));
        assert!(mail.html.contains("&lt;b&gt;Eve&lt;/b&gt;") && !mail.html.contains("<b>Eve"));
        assert!(mail.text.contains("https://x/invite/t"));
    }
}
