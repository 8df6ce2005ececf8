//! Validation of ptsm JSON against `schemas/ptsm.schema.json` (embedded at
//! build time, so the binary checks against the contract it writes).

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

/// The JSON Schema of the output contract.
pub const SCHEMA: &str = include_str!("../../schemas/ptsm.schema.json");

/// One schema violation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Violation {
    /// JSON Pointer to the offending value ("" for the whole document,
    /// "/territories/0/declared/actions/count").
    pub instance_path: String,
    /// JSON Pointer to the schema keyword that failed.
    pub schema_path: String,
    pub message: String,
}

/// Why validation could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    #[error("the embedded schema is invalid: {0}")]
    Schema(String),
    #[error("{}: cannot read: {error}", path.display())]
    Io {
        path: std::path::PathBuf,
        error: std::io::Error,
    },
}

fn validator() -> Result<&'static jsonschema::Validator, ValidateError> {
    static V: OnceLock<Result<jsonschema::Validator, String>> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).map_err(|e| e.to_string())?;
        jsonschema::draft202012::new(&schema).map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(|e| ValidateError::Schema(e.clone()))
}

/// Every violation of the schema by `instance`, in document order.
pub fn validate_value(instance: &Value) -> Result<Vec<Violation>, ValidateError> {
    let v = validator()?;
    Ok(v.iter_errors(instance)
        .map(|e| Violation {
            instance_path: e.instance_path().to_string(),
            schema_path: e.schema_path().to_string(),
            message: e.to_string(),
        })
        .collect())
}

/// Validates the file at `path`. Text that is not JSON is one violation at
/// the root, so that a batch of files reports it like any other defect.
pub fn validate_file(path: &Path) -> Result<Vec<Violation>, ValidateError> {
    let bytes = std::fs::read(path).map_err(|error| ValidateError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(v) => validate_value(&v),
        Err(e) => Ok(vec![Violation {
            instance_path: String::new(),
            schema_path: String::new(),
            message: format!("not JSON: {e}"),
        }]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyst::testdoc::sample_document;

    #[test]
    fn embedded_schema_compiles() {
        assert!(validator().is_ok());
    }

    #[test]
    fn hand_made_document_validates() {
        let v = serde_json::to_value(sample_document()).expect("serialises");
        let errs = validate_value(&v).expect("runs");
        assert!(errs.is_empty(), "{errs:#?}");
    }

    #[test]
    fn wrong_type_is_reported_at_its_json_path() {
        let mut v = serde_json::to_value(sample_document()).expect("serialises");
        v["territories"][0]["declared"]["actions"]["count"] = Value::from("cinq");
        let errs = validate_value(&v).expect("runs");
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert_eq!(
            errs[0].instance_path,
            "/territories/0/declared/actions/count"
        );
    }

    #[test]
    fn unknown_field_and_missing_field_are_both_reported() {
        let mut v = serde_json::to_value(sample_document()).expect("serialises");
        if let Some(o) = v["territories"][0]["actions"][0].as_object_mut() {
            o.insert("colour".into(), Value::from("bleu"));
            o.remove("key");
        }
        let errs = validate_value(&v).expect("runs");
        let paths: Vec<&str> = errs.iter().map(|e| e.instance_path.as_str()).collect();
        assert_eq!(paths, vec!["/territories/0/actions/0"; 2], "{errs:#?}");
        assert!(errs.iter().any(|e| e.message.contains("colour")));
        assert!(errs.iter().any(|e| e.message.contains("key")));
    }

    #[test]
    fn bad_enum_value_is_caught() {
        let mut v = serde_json::to_value(sample_document()).expect("serialises");
        v["kind"] = Value::from("tract");
        let errs = validate_value(&v).expect("runs");
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].instance_path, "/kind");
    }
}
