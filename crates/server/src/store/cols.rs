//! Reading a result row by column name, whichever driver answered it: sqlx's
//! rows and, on SQLite's hot path (the direct reads), rusqlite's. Rows are
//! decoded once, by the same functions, from either.

use std::cell::Cell;

use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::time_of;

/// The column types the schema uses: text, integers (times are Unix ms) and
/// flags (BOOLEAN on PostgreSQL, INTEGER 0/1 on SQLite).
pub trait Cols {
    fn text(&self, col: &str) -> sqlx::Result<String>;
    fn opt_text(&self, col: &str) -> sqlx::Result<Option<String>>;
    fn int(&self, col: &str) -> sqlx::Result<i64>;
    fn opt_int(&self, col: &str) -> sqlx::Result<Option<i64>>;
    fn flag(&self, col: &str) -> sqlx::Result<bool>;
}

impl Cols for AnyRow {
    fn text(&self, col: &str) -> sqlx::Result<String> {
        self.try_get(col)
    }

    fn opt_text(&self, col: &str) -> sqlx::Result<Option<String>> {
        self.try_get(col)
    }

    fn int(&self, col: &str) -> sqlx::Result<i64> {
        self.try_get(col)
    }

    fn opt_int(&self, col: &str) -> sqlx::Result<Option<i64>> {
        self.try_get(col)
    }

    fn flag(&self, col: &str) -> sqlx::Result<bool> {
        match self.try_get::<bool, _>(col) {
            Ok(b) => Ok(b),
            Err(_) => Ok(self.try_get::<i64, _>(col)? != 0),
        }
    }
}

fn decode(col: &str, err: rusqlite::Error) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: col.to_string(),
        source: Box::new(err),
    }
}

/// A rusqlite row with its statement's column names, read once per
/// statement by the direct reads: rusqlite's own lookup by name asks SQLite
/// for every column's name on each read (7% of a gated read's CPU).
pub struct Named<'a> {
    row: &'a rusqlite::Row<'a>,
    names: &'a [String],
    /// Where the next lookup starts: columns are mostly read in order.
    next: Cell<usize>,
}

impl<'a> Named<'a> {
    pub fn new(row: &'a rusqlite::Row<'a>, names: &'a [String]) -> Self {
        Self {
            row,
            names,
            next: Cell::new(0),
        }
    }

    fn get<T: rusqlite::types::FromSql>(&self, col: &str) -> sqlx::Result<T> {
        let start = self.next.get().min(self.names.len());
        let (before, after) = self.names.split_at(start);
        let index = after
            .iter()
            .position(|name| name == col)
            .map(|i| start + i)
            .or_else(|| before.iter().position(|name| name == col))
            .ok_or_else(|| sqlx::Error::ColumnNotFound(col.to_string()))?;
        self.next.set(index + 1);
        self.row.get(index).map_err(|e| decode(col, e))
    }
}

impl Cols for Named<'_> {
    fn text(&self, col: &str) -> sqlx::Result<String> {
        self.get(col)
    }

    fn opt_text(&self, col: &str) -> sqlx::Result<Option<String>> {
        self.get(col)
    }

    fn int(&self, col: &str) -> sqlx::Result<i64> {
        self.get(col)
    }

    fn opt_int(&self, col: &str) -> sqlx::Result<Option<i64>> {
        self.get(col)
    }

    fn flag(&self, col: &str) -> sqlx::Result<bool> {
        self.get::<i64>(col).map(|v| v != 0)
    }
}

/// The columns of a row named `{prefix}{name}`, read by `name`: one
/// decoder serves a table's own rows and a join's prefixed columns.
pub struct Prefixed<'a, R> {
    row: &'a R,
    prefix: &'a str,
}

impl<'a, R: Cols> Prefixed<'a, R> {
    pub fn new(row: &'a R, prefix: &'a str) -> Self {
        Self { row, prefix }
    }

    /// `f` of the prefixed name, joined on the stack (this runs for each
    /// column of each request's caller).
    fn named<T>(&self, col: &str, f: impl FnOnce(&str) -> T) -> T {
        let mut buffer = [0u8; 64];
        let (prefix, col) = (self.prefix.as_bytes(), col.as_bytes());
        let len = prefix.len() + col.len();
        match buffer.get_mut(..len) {
            Some(joined) => {
                joined[..prefix.len()].copy_from_slice(prefix);
                joined[prefix.len()..].copy_from_slice(col);
                f(std::str::from_utf8(joined).expect("two str joined are UTF-8"))
            }
            None => f(&format!("{}{}", self.prefix, String::from_utf8_lossy(col))),
        }
    }
}

impl<R: Cols> Cols for Prefixed<'_, R> {
    fn text(&self, col: &str) -> sqlx::Result<String> {
        self.named(col, |name| self.row.text(name))
    }

    fn opt_text(&self, col: &str) -> sqlx::Result<Option<String>> {
        self.named(col, |name| self.row.opt_text(name))
    }

    fn int(&self, col: &str) -> sqlx::Result<i64> {
        self.named(col, |name| self.row.int(name))
    }

    fn opt_int(&self, col: &str) -> sqlx::Result<Option<i64>> {
        self.named(col, |name| self.row.opt_int(name))
    }

    fn flag(&self, col: &str) -> sqlx::Result<bool> {
        self.named(col, |name| self.row.flag(name))
    }
}

fn uuid_of(text: &str) -> sqlx::Result<Uuid> {
    Uuid::parse_str(text).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

pub fn get_uuid(row: &impl Cols, col: &str) -> sqlx::Result<Uuid> {
    uuid_of(&row.text(col)?)
}

pub fn get_opt_uuid(row: &impl Cols, col: &str) -> sqlx::Result<Option<Uuid>> {
    row.opt_text(col)?.as_deref().map(uuid_of).transpose()
}

pub fn get_time(row: &impl Cols, col: &str) -> sqlx::Result<OffsetDateTime> {
    Ok(time_of(row.int(col)?))
}

pub fn get_opt_time(row: &impl Cols, col: &str) -> sqlx::Result<Option<OffsetDateTime>> {
    Ok(row.opt_int(col)?.map(time_of))
}

/// A flag: BOOLEAN on PostgreSQL, INTEGER 0/1 on SQLite.
pub fn get_bool(row: &impl Cols, col: &str) -> sqlx::Result<bool> {
    row.flag(col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_finds_columns_in_any_order_and_prefixed_reads_a_joins_columns() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let mut statement = conn
            .prepare("SELECT 'a' AS id, 7 AS o_seats, NULL AS o_vat, 1 AS o_flag, 'x' AS name")
            .unwrap();
        let names: Vec<String> = statement
            .column_names()
            .into_iter()
            .map(str::to_string)
            .collect();
        let mut rows = statement.query([]).unwrap();
        let row = rows.next().unwrap().unwrap();
        let named = Named::new(row, &names);
        // Forward, backward (the hint wraps around), and again.
        assert_eq!(named.text("name").unwrap(), "x");
        assert_eq!(named.text("id").unwrap(), "a");
        assert_eq!(named.int("o_seats").unwrap(), 7);
        assert_eq!(named.text("name").unwrap(), "x");
        assert!(matches!(
            named.text("missing"),
            Err(sqlx::Error::ColumnNotFound(c)) if c == "missing"
        ));
        let org = Prefixed::new(&named, "o_");
        assert_eq!(org.int("seats").unwrap(), 7);
        assert_eq!(org.opt_text("vat").unwrap(), None);
        assert!(get_bool(&org, "flag").unwrap());
        // A name longer than the stack buffer still reads.
        let long = "c".repeat(80);
        assert!(matches!(
            org.text(&long),
            Err(sqlx::Error::ColumnNotFound(c)) if c == format!("o_{long}")
        ));
        // A text where a number belongs is a decode error, not a panic.
        assert!(matches!(
            named.int("id"),
            Err(sqlx::Error::ColumnDecode { .. })
        ));
    }
}
