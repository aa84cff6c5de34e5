//! Tools for testing activities and workers without AWS.
