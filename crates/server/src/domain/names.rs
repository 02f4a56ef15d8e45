//! Free text: how long, and what it may hold. (A subdomain's shape is
//! `orgdesk_api::validate::subdomain_problem`; which can be had is `availability`.)

/// Whether a text field is 1..=max characters without control characters.
pub fn text_ok(value: &str, max: usize) -> bool {
    let trimmed = value.trim();
    let n = trimmed.chars().count();
    n >= 1 && n <= max && !trimmed.chars().any(|c| c.is_control() && c != '\n')
}
