//! Outgoing mail: SMTP through lettre, or `.eml` files in an outbox folder.

use std::path::PathBuf;

use anyhow::Context;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// A mail ready to send: plain text and HTML parts of the same content.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

enum Transport {
    Outbox(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Mailer {
    /// `smtp_url` as lettre reads it (`smtp://host:port?tls=required`, `smtps://…`);
    /// without it, mail goes to `outbox`.
    pub async fn new(from: &str, smtp_url: Option<&str>, outbox: PathBuf) -> anyhow::Result<Self> {
        let from: Mailbox = from
            .parse()
            .with_context(|| format!("mail sender {from:?} is not an address"))?;
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("the --mail URL is not a valid SMTP URL")?
                    .build(),
            ),
            None => {
                tokio::fs::create_dir_all(&outbox)
                    .await
                    .with_context(|| format!("cannot create outbox {}", outbox.display()))?;
                Transport::Outbox(AsyncFileTransport::new(outbox))
            }
        };
        Ok(Self { from, transport })
    }

    pub async fn send(&self, mail: Mail) -> anyhow::Result<()> {
        let result = self.deliver(mail).await;
        crate::ops::metrics::record_mail(result.is_ok());
        result
    }

    async fn deliver(&self, mail: Mail) -> anyhow::Result<()> {
        let to: Mailbox = mail
            .to
            .parse()
            .with_context(|| format!("{:?} is not a mailbox", mail.to))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject)
            .multipart(MultiPart::alternative_plain_html(mail.text, mail.html))
            .context("building the mail")?;
        match &self.transport {
            Transport::Outbox(t) => {
                t.send(message)
                    .await
                    .context("writing the mail to the outbox")?;
            }
            Transport::Smtp(t) => {
                t.send(message)
                    .await
                    .context("sending the mail over SMTP")?;
            }
        }
        Ok(())
    }
}

/// Escapes text for HTML bodies and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
