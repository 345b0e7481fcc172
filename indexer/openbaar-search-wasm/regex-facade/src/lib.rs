//! `regex`'s API, served by `regex-lite`, so the browser's search runtime does not carry
//! `regex`'s Unicode tables. Only the WebAssembly runtime's own workspace links this
//! crate; the indexer uses the real `regex`.

pub use regex_lite::*;
