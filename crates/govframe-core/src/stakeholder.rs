//! Kinds of stakeholders that take part in consultations.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Who a participant is. ITU membership categories come first (Member States, Sector
/// Members, Associates, Academia), then the wider multistakeholder community.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum StakeholderKind {
    /// A Member State (government).
    MemberState,
    /// A Sector Member.
    SectorMember,
    /// An Associate.
    Associate,
    /// An Academia member.
    Academia,
    /// An international or regional organization.
    InternationalOrganization,
    /// Civil society.
    CivilSociety,
    /// The private sector.
    PrivateSector,
    /// The technical community.
    TechnicalCommunity,
    /// Anyone else.
    Other,
}

impl StakeholderKind {
    /// All kinds.
    pub const ALL: [StakeholderKind; 9] = [
        Self::MemberState,
        Self::SectorMember,
        Self::Associate,
        Self::Academia,
        Self::InternationalOrganization,
        Self::CivilSociety,
        Self::PrivateSector,
        Self::TechnicalCommunity,
        Self::Other,
    ];
}
