//! Opaque keyset cursors: the last row's sort key and id, base64url JSON.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

pub fn encode<T: Serialize>(key: &T) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

/// `None` for anything that was not made by `encode` with the same shape.
pub fn decode<T: DeserializeOwned>(cursor: &str) -> Option<T> {
    if cursor.len() > 1024 {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The position after a row in a list sorted by a text or number key, then id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keyset {
    /// Which sort the cursor belongs to, so a cursor is not reused across sorts.
    pub s: String,
    pub k: KeyValue,
    pub id: String,
    /// The list's total as counted for its first page: later pages need not count again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub t: Option<u64>,
    /// Whether `t` is an estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum KeyValue {
    Int(i64),
    Text(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_garbage() {
        let k = Keyset {
            s: "name".into(),
            k: KeyValue::Text("alice".into()),
            id: "x".into(),
            t: Some(7),
            e: Some(true),
        };
        assert_eq!(decode::<Keyset>(&encode(&k)), Some(k));
        let n = Keyset {
            s: "joined_at".into(),
            k: KeyValue::Int(5),
            id: "y".into(),
            t: None,
            e: None,
        };
        assert_eq!(decode::<Keyset>(&encode(&n)), Some(n));
        assert_eq!(decode::<Keyset>("!!!"), None);
        assert_eq!(decode::<Keyset>(&encode(&"just a string")), None);
    }
}
