//! Payment providers. A provider hosts the checkout; the platform learns of
//! a payment only through the provider's signed webhook.

pub mod sandbox;

use std::future::Future;
use std::pin::Pin;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uuid::Uuid;

/// Events older (or further in the future) than this are refused as replays.
pub const TOLERANCE_SECS: i64 = 300;
pub const SIGNATURE_HEADER: &str = "orgdesk-signature";

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What the platform asks a provider to charge.
#[derive(Debug, Clone)]
pub struct CheckoutRequest {
    pub payment_id: Uuid,
    pub description: String,
    pub amount_cents: i64,
    pub currency: String,
}

#[derive(Debug, Clone)]
pub struct StartedCheckout {
    pub checkout_url: String,
    /// The provider's own reference for the checkout.
    pub provider_ref: String,
}

/// A provider event, as signed and sent to `POST /api/v1/payments/webhook`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEvent {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EventKind,
    /// Unix seconds.
    pub created: i64,
    pub data: EventData,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    #[serde(rename = "checkout.paid")]
    Paid,
    #[serde(rename = "checkout.declined")]
    Declined,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventData {
    pub payment_id: Uuid,
    pub amount_cents: i64,
    pub currency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Why a webhook was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookError {
    MissingSignature,
    BadSignature,
    /// Signed too long ago (or in the future): a replay.
    Stale,
    Malformed,
}

/// A payment provider behind the platform: the sandbox, or a real one.
pub trait PaymentProvider: Send + Sync {
    fn name(&self) -> &'static str;
    /// Opens a checkout for the request, or reuses the open one for the same payment.
    fn start_checkout<'a>(
        &'a self,
        request: CheckoutRequest,
    ) -> BoxFuture<'a, anyhow::Result<StartedCheckout>>;
    /// A new link to the still-open checkout of `payment` (the old link
    /// stops working): links are never stored, only their hashes.
    /// `None` when that checkout cannot be paid any more.
    fn reopen_checkout(&self, payment: Uuid) -> BoxFuture<'_, anyhow::Result<Option<String>>>;
    /// Verifies a webhook's signature and freshness and reads its event.
    fn verify_webhook(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now_secs: i64,
    ) -> Result<WebhookEvent, WebhookError>;
}

type HmacSha256 = Hmac<Sha256>;

/// `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
pub fn sign(secret: &[u8], body: &[u8], at_secs: i64) -> String {
    let mut mac = HmacSha256::new_from_slice(secret)
        .unwrap_or_else(|_| HmacSha256::new_from_slice(b"-").expect("any key length works"));
    mac.update(at_secs.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!(
        "t={at_secs},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

/// Checks a signature header in constant time, and the timestamp's age.
pub fn verify(
    secret: &[u8],
    header: Option<&str>,
    body: &[u8],
    now_secs: i64,
) -> Result<WebhookEvent, WebhookError> {
    let header = header.ok_or(WebhookError::MissingSignature)?;
    let mut at = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => at = v.parse::<i64>().ok(),
            Some(("v1", v)) => {
                signatures.push(hex::decode(v).map_err(|_| WebhookError::BadSignature)?)
            }
            _ => {}
        }
    }
    let at = at.ok_or(WebhookError::MissingSignature)?;
    let valid = signatures.iter().any(|sig| {
        let Ok(mut mac) = HmacSha256::new_from_slice(secret) else {
            return false;
        };
        mac.update(at.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac.verify_slice(sig).is_ok()
    });
    if !valid {
        return Err(WebhookError::BadSignature);
    }
    if (now_secs - at).abs() > TOLERANCE_SECS {
        return Err(WebhookError::Stale);
    }
    serde_json::from_slice(body).map_err(|_| WebhookError::Malformed)
}

/// Luhn's check of a card number.
pub fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.chars().rev().enumerate() {
        let Some(d) = c.to_digit(10) else {
            return false;
        };
        sum += if i % 2 == 1 {
            if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
        } else {
            d
        };
    }
    !digits.is_empty() && sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Vec<u8> {
        serde_json::to_vec(&WebhookEvent {
            id: "evt_1".into(),
            kind: EventKind::Paid,
            created: 1_000,
            data: EventData {
                payment_id: Uuid::nil(),
                amount_cents: 100,
                currency: "EUR".into(),
                reason: None,
            },
        })
        .unwrap()
    }

    #[test]
    fn signatures_verify_and_refuse_forgeries_and_replays() {
        let body = event();
        let header = sign(b"secret", &body, 1_000);
        assert!(verify(b"secret", Some(&header), &body, 1_000 + TOLERANCE_SECS).is_ok());
        assert_eq!(
            verify(b"other", Some(&header), &body, 1_000),
            Err(WebhookError::BadSignature)
        );
        let mut tampered = body.clone();
        tampered[10] ^= 1;
        assert_eq!(
            verify(b"secret", Some(&header), &tampered, 1_000),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            verify(b"secret", Some(&header), &body, 1_000 + TOLERANCE_SECS + 1),
            Err(WebhookError::Stale)
        );
        assert_eq!(
            verify(b"secret", None, &body, 1_000),
            Err(WebhookError::MissingSignature)
        );
        assert_eq!(
            verify(b"secret", Some("t=1000,v1=zz"), &body, 1_000),
            Err(WebhookError::BadSignature)
        );
    }

    #[test]
    fn luhn() {
        assert!(luhn_ok("4242424242424242"));
        assert!(luhn_ok("4000000000000002"));
        assert!(!luhn_ok("4242424242424241"));
        assert!(!luhn_ok(""));
        assert!(!luhn_ok("42a2"));
    }
}
