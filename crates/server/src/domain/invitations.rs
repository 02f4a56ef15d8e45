//! What inviting one address does: refuse it (and why), give an existing
//! verified account access at once, or mail a link that proves the mailbox.

use orgdesk_api::{MembershipStatus, codes};

/// What is known about an address in the organization when it is invited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// The address's account's membership here, if it has one.
    pub membership: Option<MembershipStatus>,
    /// A link sent earlier still works.
    pub pending_invitation: bool,
    /// Seats left before this address.
    pub free_seats: i64,
    /// The address belongs to an account whose email is verified.
    pub verified_account: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Not invited: the problem code and its words.
    Refuse(&'static str, &'static str),
    /// An existing verified account gets access now (and a notice).
    AddNow,
    /// A one-use link goes to the address: registering, or proving the
    /// mailbox of an unverified account, grants access.
    SendLink,
}

impl Decision {
    /// Whether it takes a seat.
    pub fn takes_a_seat(self) -> bool {
        !matches!(self, Self::Refuse(..))
    }
}

pub fn decide(facts: Facts) -> Decision {
    match facts.membership {
        Some(MembershipStatus::Active) => {
            return Decision::Refuse(codes::ALREADY_MEMBER, "already a member");
        }
        Some(MembershipStatus::Suspended) => {
            return Decision::Refuse(
                codes::MEMBER_SUSPENDED,
                "a suspended member: reactivate them instead",
            );
        }
        None => {}
    }
    if facts.pending_invitation {
        return Decision::Refuse(
            codes::INVITATION_PENDING,
            "an invitation is already waiting; resend it instead",
        );
    }
    if facts.free_seats <= 0 {
        return Decision::Refuse(
            codes::SEAT_LIMIT_REACHED,
            "no free seat left in the subscription",
        );
    }
    if facts.verified_account {
        Decision::AddNow
    } else {
        Decision::SendLink
    }
}

/// The groups an invitation gives: those asked for, else the built-in User group.
pub fn groups_given<T: Copy>(requested: Option<&[T]>, user_group: Option<T>) -> Vec<T> {
    match requested {
        Some(groups) => groups.to_vec(),
        None => user_group.into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEW: Facts = Facts {
        membership: None,
        pending_invitation: false,
        free_seats: 1,
        verified_account: false,
    };

    #[test]
    fn each_address_gets_one_decision() {
        assert_eq!(decide(NEW), Decision::SendLink);
        let verified = Facts {
            verified_account: true,
            ..NEW
        };
        assert_eq!(decide(verified), Decision::AddNow);
        let member = Facts {
            membership: Some(MembershipStatus::Active),
            ..verified
        };
        assert_eq!(
            decide(member),
            Decision::Refuse(codes::ALREADY_MEMBER, "already a member")
        );
        let suspended = Facts {
            membership: Some(MembershipStatus::Suspended),
            ..NEW
        };
        assert!(matches!(
            decide(suspended),
            Decision::Refuse(codes::MEMBER_SUSPENDED, _)
        ));
        let pending = Facts {
            pending_invitation: true,
            ..NEW
        };
        assert!(matches!(
            decide(pending),
            Decision::Refuse(codes::INVITATION_PENDING, _)
        ));
        let full = Facts {
            free_seats: 0,
            verified_account: true,
            ..NEW
        };
        assert!(matches!(
            decide(full),
            Decision::Refuse(codes::SEAT_LIMIT_REACHED, _)
        ));
        assert!(!decide(full).takes_a_seat());
        assert!(decide(NEW).takes_a_seat());
    }

    #[test]
    fn invitations_give_the_user_group_unless_told_otherwise() {
        assert_eq!(groups_given(None, Some(7)), vec![7]);
        assert_eq!(groups_given(Some(&[1, 2]), Some(7)), vec![1, 2]);
        assert_eq!(groups_given::<u8>(Some(&[]), Some(7)), Vec::<u8>::new());
        assert_eq!(groups_given::<u8>(None, None), Vec::<u8>::new());
    }
}
