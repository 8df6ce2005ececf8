//! Integration tests, one binary. Each module is one concern:

mod corpus;
mod normalize;
