//! The new-organization wizard: availability, checkout, payment, sales.

use orgdesk_api::{
    Availability, AvailabilityQuery, Checkout, Payment, QuoteRequest, QuoteResponse,
};
use reqwest::Method;

use crate::paths::org_path;
use crate::{Client, Error};

impl Client {
    /// Whether a company name and subdomain can be had, with suggestions when not.
    pub async fn availability(&self, query: &AvailabilityQuery) -> Result<Availability, Error> {
        self.json(
            self.request(Method::GET, "/api/v1/orgs/availability")
                .query(query),
        )
        .await
    }

    /// Opens (or reopens) the provider's checkout for an organization waiting for its payment.
    pub async fn checkout(&self, org: &str) -> Result<Checkout, Error> {
        self.json(self.request(Method::POST, &org_path(org, "/checkout")?))
            .await
    }

    /// The organization's latest payment (poll it while the checkout is open).
    pub async fn payment(&self, org: &str) -> Result<Payment, Error> {
        self.json(self.request(Method::GET, &org_path(org, "/payment")?))
            .await
    }

    /// Asks sales for a custom quote.
    pub async fn request_quote(&self, req: &QuoteRequest) -> Result<QuoteResponse, Error> {
        self.json(self.request(Method::POST, "/api/v1/sales/quotes").json(req))
            .await
    }
}
