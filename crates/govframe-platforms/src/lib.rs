//! # govframe-platforms
//!
//! The places where global consensus on digital governance is built, and the computation of
//! that consensus:
//!
//! * [`PlatformRegistry`] (`platformRegistry`) — meeting platforms (conferences, assemblies,
//!   symposiums, forums…) with their level, conveners, mandate, themes, who may take part and
//!   with what standing, and their editions (dates, venue, theme, outcome documents);
//! * [`Consultation`] (`consultation`) — a process at a platform edition: themes, questions,
//!   rounds, participants, proposals, positions, decisions and its [`DecisionRule`];
//! * [`Contribution`] (`contribution`) — a submitted document whose proposals carry the
//!   markers ADD, ADD*, MOD, (MOD), SUP, SUP* and NOC ([`ProposalMarker`]);
//! * [`GovernanceLandscape`] (`governanceLandscape`) — multilateral, plurilateral,
//!   bilateral, regional, private-sector-led and multistakeholder mechanisms, their
//!   instruments, parties and themes;
//! * [`decide`] → [`ConsensusResult`] (`consensusResult`) — outcomes per proposal and round
//!   under consensus or majority rules, with counts, objections, reservations and a
//!   consensus measure with its trend;
//! * [`analyze`] → [`LandscapeAnalysis`] (`landscapeAnalysis`) — per theme: coverage,
//!   overlap, fragmentation; a country × theme coverage matrix;
//! * [`calendar::to_ics`] (feature `ical`, on by default) — editions as an RFC 5545
//!   calendar.
//!
//! Entities that other documents point at: platforms (`platform`) and editions (`edition`)
//! of a registry; decisions (`decision`), proposals, rounds, questions and participants of a
//! consultation; proposals of a contribution (`proposal`); mechanisms (`mechanism`) and
//! instruments (`instrument`) of a landscape. An objective's `mechanisms` point at platforms
//! or mechanisms; a plan's `adoptedBy` at a decision; a contribution's `meeting` at an
//! edition.
//!
//! **Decision conventions** (see [`outcome`]): under consensus a proposal is adopted when
//! nobody with voting standing formally objects and someone with standing supports it;
//! reservations and plain opposition do not block. Under a majority rule, `support` and
//! `supportWithReservation` are votes for, `oppose` and `formalObjection` votes against;
//! abstentions are left out of the base "present and voting" and weigh like votes against
//! with the base "all members". Thresholds use exact integer arithmetic (two-thirds:
//! `3·yes ≥ 2·base`). The consensus measure counts abstentions as positions taken.
//!
//! ```
//! use govframe_core::{LocalizedText, StakeholderKind, Validate};
//! use govframe_platforms::*;
//!
//! let rule = DecisionRule::majority(MajorityKind::TwoThirds, VotingBase::PresentAndVoting);
//! let mut c = Consultation::new("c".parse()?, LocalizedText::en("Demo"), rule);
//! for i in 0..3 {
//!     c.participants.push(Participant::new(format!("ms-{i}").parse()?, LocalizedText::en("State"),
//!                                          StakeholderKind::MemberState));
//! }
//! c.rounds.push(Round::new("r1".parse()?));
//! c.proposals.push(Proposal::new("p1".parse()?, LocalizedText::en("Adopt")));
//! for (who, stance) in [("ms-0", Stance::Support), ("ms-1", Stance::Support), ("ms-2", Stance::Oppose)] {
//!     c.positions.push(Position::new("r1".parse()?, who.parse()?, "p1".parse()?, stance));
//! }
//! assert!(c.validate().is_empty());
//! let result = decide(&c);
//! assert_eq!(result.proposals[0].final_outcome, Some(DecisionOutcome::Adopted)); // 2 of 3
//! # Ok::<(), govframe_core::Error>(())
//! ```

mod analysis;
#[cfg(feature = "ical")]
pub mod calendar;
mod common;
mod consultation;
mod contribution;
mod decide;
mod landscape;
mod registry;
mod result;

pub use analysis::{
    CoverageMatrix, CoverageRow, LandscapeAnalysis, LandscapeAnalysisKind, ThemeAnalysis,
    UniverseSource, analyze,
};
pub use common::{Share, Standing, StandingRule, Theme, WEB_URL_PATTERN, WebUrl, standing_in};
pub use consultation::{
    Consultation, ConsultationKind, Decision, DecisionOutcome, DecisionRule, MajorityKind,
    Participant, Position, Proposal, Question, Quorum, Round, Stance, VotingBase,
};
pub use contribution::{
    Contribution, ContributionKind, ContributionProposal, ProposalMarker, Submitter, TEXT_ENTITIES,
};
pub use decide::{decide, tally};
pub use landscape::{
    GovernanceInstrument, GovernanceLandscape, GovernanceLandscapeKind, InstrumentType, Mechanism,
    MechanismType,
};
pub use registry::{
    Convener, Edition, Mandate, OutcomeDocument, OutcomeDocumentType, Periodicity, Platform,
    PlatformKind, PlatformLevel, PlatformRegistry, PlatformRegistryKind, Venue,
};
pub use result::{
    ConsensusResult, ConsensusResultKind, ConsensusSummary, ConsensusTrend, PositionCounts,
    ProposalResult, RoundResult, TrendDirection, outcome,
};

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A core rule was broken.
    #[error(transparent)]
    Core(#[from] govframe_core::Error),
    /// A share is not a number from 0 to 1.
    #[error("invalid share {0}: expected a number from 0 to 1")]
    InvalidShare(f64),
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
