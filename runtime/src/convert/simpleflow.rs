//! The simpleflow converter (being written).
