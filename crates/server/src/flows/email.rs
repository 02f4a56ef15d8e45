//! Email verification: the link mailed to a new address, and using it (the
//! JSON route and the HTML page alike). A proven address at a domain whose
//! organization takes new sign-ups in joins it.

use axum::http::StatusCode;
use orgdesk_api::codes;

use super::membership;
use crate::error::{AppError, AppResult};
use crate::mail::{Mail, escape};
use crate::secrets::hash_token;
use crate::state::AppState;
use crate::store::accounts::{self, EmailPurpose};

pub async fn send_verification(state: &AppState, email: &str, name: &str, token: &str) {
    let link = format!("{}/verify-email/{token}", state.public_url);
    let mail = Mail {
        to: email.to_string(),
        subject: "Confirm your email address for Orgdesk".into(),
        text: format!(
            "Hello {name},\n\nplease confirm your email address by opening this link:\n\n{link}\n\nThe link works once and for 24 hours. If you did not sign up, ignore this mail.\n"
        ),
        html: format!(
            "<p>Hello {},</p><p>please confirm your email address:</p><p><a href=\"{}\">Confirm my email address</a></p><p>The link works once and for 24 hours. If you did not sign up, ignore this mail.</p>",
            escape(name),
            escape(&link)
        ),
    };
    if let Err(e) = state.mailer.send(mail).await {
        tracing::error!(error = ?e, "the verification mail could not be sent");
    }
}

pub async fn verify_email_token(state: &AppState, token: &str) -> AppResult<()> {
    let invalid = || {
        AppError::new(
            StatusCode::BAD_REQUEST,
            codes::INVALID_TOKEN,
            "this link is unknown, used or expired",
        )
    };
    if token.len() > 200 {
        return Err(invalid());
    }
    let mut tx = state.db.begin().await?;
    let (account, email, purpose) = accounts::consume_email_token(&mut tx, &hash_token(token))
        .await?
        .ok_or_else(invalid)?;
    match purpose {
        EmailPurpose::Verify => {
            if !accounts::mark_verified(&mut tx, account, &email).await? {
                return Err(invalid());
            }
            // A new sign-up at a domain whose organization takes them in.
            if let Some(row) = accounts::by_id(&mut tx, account).await? {
                membership::auto_join(&mut tx, account, &row.name, &email).await?;
            }
        }
        EmailPurpose::Change => {
            // Only the address still waiting counts: a replaced or withdrawn change is dead.
            let pending = accounts::by_id(&mut tx, account)
                .await?
                .and_then(|a| a.pending_email);
            if pending.as_deref() != Some(email.as_str()) {
                return Err(invalid());
            }
            if accounts::email_in_use(&mut tx, &email, account).await? {
                return Err(AppError::conflict(
                    codes::EMAIL_TAKEN,
                    "another account uses this address now",
                ));
            }
            accounts::change_email(&mut tx, account, &email).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
