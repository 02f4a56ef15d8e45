use serde::{Deserialize, Serialize};

/// One page of a list. `next_cursor` is opaque; pass it back as `?cursor=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    pub total: u64,
    /// `total` is an estimate ("about 62,000"): counting every match of a
    /// broad query in a large organization would cost more than the page.
    #[serde(default)]
    pub total_is_estimate: bool,
}

/// `application/problem+json` (RFC 9457) with a stable `code`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable snake_case string to branch on (see `orgdesk_api::codes`).
    pub code: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// `permission_escalation` about a group: the group concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<crate::GroupRef>,
    /// `permission_escalation`: the permission keys the caller lacks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// One invalid field of a request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// The default and largest `?limit=` of every list.
pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 500;

/// `Some(None)` for an explicit `null`, `None` for an absent field.
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<Option<String>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::Page;

    #[test]
    fn a_page_from_an_older_server_has_an_exact_total() {
        let page: Page<u32> =
            serde_json::from_str(r#"{"items":[1],"next_cursor":null,"total":1}"#).unwrap();
        assert!(!page.total_is_estimate);
        let page: Page<u32> = serde_json::from_str(
            r#"{"items":[],"next_cursor":"x","total":62000,"total_is_estimate":true}"#,
        )
        .unwrap();
        assert!(page.total_is_estimate);
    }
}
