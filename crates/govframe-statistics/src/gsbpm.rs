//! The Generic Statistical Business Process Model (GSBPM) v5.1 (UNECE / HLG-MOS, 2019):
//! 8 phases and 44 sub-processes, as a closed code list that metadata and process records
//! cite.
//!
//! Codes are the GSBPM numbers (`"5"`, `"5.3"`), the identifiers statisticians use; names
//! are the v5.1 English names. The names of 8.2 and 8.3 could not be confirmed against the
//! primary source in the reference notes and follow general knowledge of v5.1. The
//! overarching processes (quality and metadata management…) are not numbered in GSBPM and
//! are not in the list.
//!
//! ```
//! use govframe_statistics::GsbpmProcess;
//! let p: GsbpmProcess = serde_json::from_str("\"5.3\"")?;
//! assert_eq!(p, GsbpmProcess::ReviewAndValidate);
//! assert_eq!(p.name(), "Review and validate");
//! assert_eq!(p.phase(), GsbpmProcess::Process);
//! assert_eq!(GsbpmProcess::ALL.len(), 8 + 44);
//! assert!(serde_json::from_str::<GsbpmProcess>("\"9.1\"").is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! gsbpm {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $name:literal; )+) => {
        /// A GSBPM v5.1 phase or sub-process, written as its number (`"5.3"`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum GsbpmProcess {
            $( $(#[$doc])* #[serde(rename = $code)] $variant, )+
        }

        impl GsbpmProcess {
            /// Every phase and sub-process, in model order.
            pub const ALL: &'static [GsbpmProcess] = &[$(Self::$variant),+];

            /// The GSBPM number (`"5.3"`).
            pub fn code(self) -> &'static str {
                match self { $( Self::$variant => $code, )+ }
            }

            /// The v5.1 English name.
            pub fn name(self) -> &'static str {
                match self { $( Self::$variant => $name, )+ }
            }

            /// The process with this number.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $( $code => Some(Self::$variant), )+ _ => None }
            }
        }
    };
}

gsbpm! {
    /// 1 Specify needs.
    SpecifyNeeds = "1", "Specify needs";
    /// 1.1 Identify needs.
    IdentifyNeeds = "1.1", "Identify needs";
    /// 1.2 Consult and confirm needs.
    ConsultAndConfirmNeeds = "1.2", "Consult and confirm needs";
    /// 1.3 Establish output objectives.
    EstablishOutputObjectives = "1.3", "Establish output objectives";
    /// 1.4 Identify concepts.
    IdentifyConcepts = "1.4", "Identify concepts";
    /// 1.5 Check data availability.
    CheckDataAvailability = "1.5", "Check data availability";
    /// 1.6 Prepare and submit business case.
    PrepareAndSubmitBusinessCase = "1.6", "Prepare and submit business case";
    /// 2 Design.
    Design = "2", "Design";
    /// 2.1 Design outputs.
    DesignOutputs = "2.1", "Design outputs";
    /// 2.2 Design variable descriptions.
    DesignVariableDescriptions = "2.2", "Design variable descriptions";
    /// 2.3 Design collection.
    DesignCollection = "2.3", "Design collection";
    /// 2.4 Design frame and sample.
    DesignFrameAndSample = "2.4", "Design frame and sample";
    /// 2.5 Design processing and analysis.
    DesignProcessingAndAnalysis = "2.5", "Design processing and analysis";
    /// 2.6 Design production systems and workflow.
    DesignProductionSystemsAndWorkflow = "2.6", "Design production systems and workflow";
    /// 3 Build.
    Build = "3", "Build";
    /// 3.1 Reuse or build collection instruments.
    ReuseOrBuildCollectionInstruments = "3.1", "Reuse or build collection instruments";
    /// 3.2 Reuse or build processing and analysis components.
    ReuseOrBuildProcessingAndAnalysisComponents = "3.2", "Reuse or build processing and analysis components";
    /// 3.3 Reuse or build dissemination components.
    ReuseOrBuildDisseminationComponents = "3.3", "Reuse or build dissemination components";
    /// 3.4 Configure workflows.
    ConfigureWorkflows = "3.4", "Configure workflows";
    /// 3.5 Test production systems.
    TestProductionSystems = "3.5", "Test production systems";
    /// 3.6 Test statistical business process.
    TestStatisticalBusinessProcess = "3.6", "Test statistical business process";
    /// 3.7 Finalise production systems.
    FinaliseProductionSystems = "3.7", "Finalise production systems";
    /// 4 Collect.
    Collect = "4", "Collect";
    /// 4.1 Create frame and select sample.
    CreateFrameAndSelectSample = "4.1", "Create frame and select sample";
    /// 4.2 Set up collection.
    SetUpCollection = "4.2", "Set up collection";
    /// 4.3 Run collection.
    RunCollection = "4.3", "Run collection";
    /// 4.4 Finalise collection.
    FinaliseCollection = "4.4", "Finalise collection";
    /// 5 Process.
    Process = "5", "Process";
    /// 5.1 Integrate data.
    IntegrateData = "5.1", "Integrate data";
    /// 5.2 Classify and code.
    ClassifyAndCode = "5.2", "Classify and code";
    /// 5.3 Review and validate.
    ReviewAndValidate = "5.3", "Review and validate";
    /// 5.4 Edit and impute.
    EditAndImpute = "5.4", "Edit and impute";
    /// 5.5 Derive new variables and units.
    DeriveNewVariablesAndUnits = "5.5", "Derive new variables and units";
    /// 5.6 Calculate weights.
    CalculateWeights = "5.6", "Calculate weights";
    /// 5.7 Calculate aggregates.
    CalculateAggregates = "5.7", "Calculate aggregates";
    /// 5.8 Finalise data files.
    FinaliseDataFiles = "5.8", "Finalise data files";
    /// 6 Analyse.
    Analyse = "6", "Analyse";
    /// 6.1 Prepare draft outputs.
    PrepareDraftOutputs = "6.1", "Prepare draft outputs";
    /// 6.2 Validate outputs.
    ValidateOutputs = "6.2", "Validate outputs";
    /// 6.3 Interpret and explain outputs.
    InterpretAndExplainOutputs = "6.3", "Interpret and explain outputs";
    /// 6.4 Apply disclosure control.
    ApplyDisclosureControl = "6.4", "Apply disclosure control";
    /// 6.5 Finalise outputs.
    FinaliseOutputs = "6.5", "Finalise outputs";
    /// 7 Disseminate.
    Disseminate = "7", "Disseminate";
    /// 7.1 Update output systems.
    UpdateOutputSystems = "7.1", "Update output systems";
    /// 7.2 Produce dissemination products.
    ProduceDisseminationProducts = "7.2", "Produce dissemination products";
    /// 7.3 Manage release of dissemination products.
    ManageReleaseOfDisseminationProducts = "7.3", "Manage release of dissemination products";
    /// 7.4 Promote dissemination products.
    PromoteDisseminationProducts = "7.4", "Promote dissemination products";
    /// 7.5 Manage user support.
    ManageUserSupport = "7.5", "Manage user support";
    /// 8 Evaluate.
    Evaluate = "8", "Evaluate";
    /// 8.1 Gather evaluation inputs.
    GatherEvaluationInputs = "8.1", "Gather evaluation inputs";
    /// 8.2 Conduct evaluation.
    ConductEvaluation = "8.2", "Conduct evaluation";
    /// 8.3 Agree an action plan.
    AgreeAnActionPlan = "8.3", "Agree an action plan";
}

impl GsbpmProcess {
    /// Whether this is one of the eight phases.
    pub fn is_phase(self) -> bool {
        !self.code().contains('.')
    }

    /// The phase this process belongs to (a phase is its own phase).
    pub fn phase(self) -> GsbpmProcess {
        let head = self.code().split('.').next().unwrap_or_default();
        Self::from_code(head).unwrap_or(self)
    }

    /// The sub-processes of a phase (empty for a sub-process).
    pub fn sub_processes(self) -> impl Iterator<Item = GsbpmProcess> {
        Self::ALL
            .iter()
            .copied()
            .filter(move |p| self.is_phase() && !p.is_phase() && p.phase() == self)
    }
}

impl fmt::Display for GsbpmProcess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code(), self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_and_sub_processes() {
        let phases: Vec<_> = GsbpmProcess::ALL.iter().filter(|p| p.is_phase()).collect();
        assert_eq!(phases.len(), 8);
        let counts: Vec<usize> = phases.iter().map(|p| p.sub_processes().count()).collect();
        assert_eq!(counts, [6, 6, 7, 4, 8, 5, 5, 3]);
        for p in GsbpmProcess::ALL {
            assert_eq!(GsbpmProcess::from_code(p.code()), Some(*p));
            let json = serde_json::to_string(p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.code()));
        }
    }
}
