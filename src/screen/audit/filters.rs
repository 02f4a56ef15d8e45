//! The audit log's filters as typed: people by email, name or id, an action
//! (or a family of actions), and a range of days. Checked as typed; people
//! are looked up on the platform when the filters are applied.

use orgdesk_api::{AuditQuery, MemberQuery, MembershipStatus};
use orgdesk_client::{Client, Error};
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime, Time};
use uuid::Uuid;

use super::words;
use crate::fl;

/// The action filter: everything, a family (`group.`) or one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionChoice {
    Any,
    Is(&'static str),
}

impl ActionChoice {
    /// The choices in the order the filter offers them: each family, then its actions.
    pub fn all() -> Vec<ActionChoice> {
        let mut all = vec![ActionChoice::Any];
        for family in orgdesk_api::actions::FAMILIES {
            all.push(ActionChoice::Is(family));
            all.extend(
                words::ACTIONS
                    .iter()
                    .filter(|a| a.starts_with(family))
                    .map(|a| ActionChoice::Is(a)),
            );
        }
        all
    }

    pub fn value(self) -> Option<String> {
        match self {
            ActionChoice::Any => None,
            ActionChoice::Is(action) => Some(action.to_string()),
        }
    }
}

impl std::fmt::Display for ActionChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ActionChoice::Any => f.write_str(&fl!("audit-actions-any")),
            // Families stand out from their members in the list.
            ActionChoice::Is(family) if family.ends_with('.') => {
                f.write_str(&words::action(family))
            }
            ActionChoice::Is(action) => write!(f, "   {}", words::action(action)),
        }
    }
}

/// The filters as the person typed them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub actor: String,
    pub action: ActionChoice,
    pub target: String,
    pub from: String,
    pub to: String,
}

impl Default for Form {
    fn default() -> Self {
        Self {
            actor: String::new(),
            action: ActionChoice::Any,
            target: String::new(),
            from: String::new(),
            to: String::new(),
        }
    }
}

/// A person as typed: nobody in particular, an id, or words to look up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Anyone,
    Id(Uuid),
    Lookup(String),
}

impl Who {
    fn parse(text: &str) -> Self {
        let text = text.trim();
        if text.is_empty() {
            Who::Anyone
        } else if let Ok(id) = text.parse() {
            Who::Id(id)
        } else {
            Who::Lookup(text.to_string())
        }
    }
}

/// Filters that passed the checks, people not yet looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub actor: Who,
    pub action: Option<String>,
    pub target: Who,
    /// Inclusive.
    pub from: Option<OffsetDateTime>,
    /// Exclusive: the day after the last day asked for.
    pub to: Option<OffsetDateTime>,
}

impl Draft {
    /// The query, with `actor` and `target` as looked up.
    pub fn query(self, actor: Option<Uuid>, target: Option<String>) -> AuditQuery {
        AuditQuery {
            actor,
            action: self.action,
            target,
            from: self.from,
            to: self.to,
            ..AuditQuery::default()
        }
    }

    /// The query at once, when no one needs looking up.
    pub fn without_lookups(&self) -> Option<AuditQuery> {
        let known = |who: &Who| match who {
            Who::Anyone => Some(None),
            Who::Id(id) => Some(Some(*id)),
            Who::Lookup(_) => None,
        };
        let actor = known(&self.actor)?;
        let target = known(&self.target)?;
        Some(self.clone().query(actor, target.map(|id| id.to_string())))
    }
}

/// `YYYY-MM-DD`, or nothing.
pub fn parse_day(text: &str) -> Result<Option<Date>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Date::parse(text, format_description!("[year]-[month]-[day]"))
        .map(Some)
        .map_err(|_| fl!("audit-date-invalid", text = text.to_string()))
}

impl Form {
    pub fn from_problem(&self) -> Option<String> {
        parse_day(&self.from).err()
    }

    pub fn to_problem(&self) -> Option<String> {
        parse_day(&self.to).err()
    }

    /// Both days good but the range runs backwards.
    pub fn range_problem(&self) -> Option<String> {
        match (parse_day(&self.from), parse_day(&self.to)) {
            (Ok(Some(from)), Ok(Some(to))) if from > to => Some(fl!("audit-range-reversed")),
            _ => None,
        }
    }

    pub fn draft(&self) -> Result<Draft, String> {
        let from = parse_day(&self.from)?;
        let to = parse_day(&self.to)?;
        if let Some(problem) = self.range_problem() {
            return Err(problem);
        }
        let midnight = |day: Date| day.with_time(Time::MIDNIGHT).assume_utc();
        Ok(Draft {
            actor: Who::parse(&self.actor),
            action: self.action.value(),
            target: Who::parse(&self.target),
            from: from.map(midnight),
            // The last day counts whole.
            to: to.map(|day| midnight(day) + Duration::days(1)),
        })
    }
}

/// Why a person of the filters could not be found.
#[derive(Debug, Clone)]
pub enum NotFound {
    Nobody(String),
    Several(String),
    Api(Error),
}

impl From<Error> for NotFound {
    fn from(e: Error) -> Self {
        NotFound::Api(e)
    }
}

/// The account a person of the filters is: an exact email wins, else the
/// only member whose name or email starts with the words.
pub async fn resolve(client: &Client, org: &str, who: &Who) -> Result<Option<Uuid>, NotFound> {
    let words = match who {
        Who::Anyone => return Ok(None),
        Who::Id(id) => return Ok(Some(*id)),
        Who::Lookup(words) => words,
    };
    let query = MemberQuery {
        q: Some(words.clone()),
        limit: Some(5),
        ..MemberQuery::default()
    };
    let mut found = client.members(org, &query).await?.items;
    if let Some(exact) = found.iter().find(|m| m.email.eq_ignore_ascii_case(words)) {
        return Ok(Some(exact.id));
    }
    // Suspended people acted too; but when both kinds match, prefer the active.
    if found.len() > 1 {
        found.retain(|m| m.status == MembershipStatus::Active);
    }
    match found.as_slice() {
        [] => Err(NotFound::Nobody(words.clone())),
        [one] => Ok(Some(one.id)),
        _ => Err(NotFound::Several(words.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn days_are_checked_and_the_last_counts_whole() {
        let form = Form {
            from: "2025-11-01".into(),
            to: " 2025-11-07 ".into(),
            actor: "  ".into(),
            target: "0195a0c4-8f52-7c4e-9d1b-3c0ad6f1e2b7".into(),
            ..Form::default()
        };
        let draft = form.draft().unwrap();
        assert_eq!(draft.from, Some(datetime!(2025-11-01 0:00 UTC)));
        assert_eq!(draft.to, Some(datetime!(2025-11-08 0:00 UTC)));
        assert_eq!(draft.actor, Who::Anyone);
        assert!(matches!(draft.target, Who::Id(_)));

        for bad in [
            "2025-13-01",
            "2025-02-30",
            "07.11.2025",
            "2025-1-7",
            "yesterday",
        ] {
            let form = Form {
                from: bad.into(),
                ..Form::default()
            };
            assert!(form.from_problem().is_some(), "{bad}");
            assert!(form.draft().is_err(), "{bad}");
        }
        let reversed = Form {
            from: "2025-11-08".into(),
            to: "2025-11-07".into(),
            ..Form::default()
        };
        assert!(reversed.range_problem().is_some());
        assert!(reversed.draft().is_err());
    }

    #[test]
    fn families_come_before_their_actions() {
        let all = ActionChoice::all();
        assert_eq!(all[0], ActionChoice::Any);
        assert_eq!(all[1], ActionChoice::Is("invitation."));
        assert_eq!(all[2], ActionChoice::Is("invitation.create"));
        assert_eq!(
            all.len(),
            1 + orgdesk_api::actions::FAMILIES.len() + words::ACTIONS.len()
        );
    }
}
