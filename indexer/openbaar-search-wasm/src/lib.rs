//! The search runtime for the browser: [`openbaar_search::runtime::BundleSearch`] behind a
//! plain C-style interface (no JavaScript glue generator), driven by
//! `themes/openbaar/static/search-worker.js`.
//!
//! Protocol: JS allocates with [`alloc`], passes `hot.bin` to [`init`], then calls
//! [`search`]; the answer (JSON) is at [`output_ptr`] / [`output_len`]. Status 1 means
//! the JSON is a list of chunk hashes to fetch and pass to [`add_chunk`] before asking
//! again; 0 means results; 2 an error message.

use std::cell::RefCell;

use openbaar_search::runtime::{Attempt, BundleSearch};

thread_local! {
    static SEARCH: RefCell<Option<BundleSearch>> = const { RefCell::new(None) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn set_output(bytes: Vec<u8>) {
    OUTPUT.with(|o| *o.borrow_mut() = bytes);
}

/// Reserves `len` bytes for JS to write into.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len.max(1));
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Frees what [`alloc`] reserved.
///
/// # Safety
/// `ptr` and `len` must come from one call to [`alloc`].
#[no_mangle]
pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: usize) {
    drop(Vec::from_raw_parts(ptr, 0, len.max(1)));
}

unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(ptr, len)
    }
}

/// Opens the bundle from the bytes of `hot.bin`; 0 on success, 2 on error.
///
/// # Safety
/// `ptr`/`len` must describe memory JS wrote after [`alloc`].
#[no_mangle]
pub unsafe extern "C" fn init(ptr: *const u8, len: usize) -> u32 {
    match BundleSearch::new(bytes(ptr, len)) {
        Ok(search) => {
            SEARCH.with(|s| *s.borrow_mut() = Some(search));
            0
        }
        Err(err) => {
            set_output(err.to_string().into_bytes());
            2
        }
    }
}

/// Adds a fetched chunk.
///
/// # Safety
/// Both pointer/length pairs must describe memory JS wrote after [`alloc`].
#[no_mangle]
pub unsafe extern "C" fn add_chunk(
    hash_ptr: *const u8,
    hash_len: usize,
    ptr: *const u8,
    len: usize,
) {
    let hash = String::from_utf8_lossy(bytes(hash_ptr, hash_len)).into_owned();
    let data = bytes(ptr, len).to_vec();
    SEARCH.with(|s| {
        if let Some(search) = s.borrow().as_ref() {
            search.directory().add_chunk(&hash, data);
        }
    });
}

/// Runs a query: 0 results, 1 chunks needed, 2 error; the JSON is in the output.
///
/// # Safety
/// `ptr`/`len` must describe memory JS wrote after [`alloc`].
#[no_mangle]
pub unsafe extern "C" fn search(ptr: *const u8, len: usize, offset: usize, limit: usize) -> u32 {
    let query = String::from_utf8_lossy(bytes(ptr, len)).into_owned();
    let outcome = SEARCH.with(|s| match s.borrow_mut().as_mut() {
        Some(search) => search.attempt(&query, offset, limit),
        None => Err("init was not called".into()),
    });
    let (status, json) = match outcome {
        Ok(Attempt::Done(results)) => (0, serde_json::to_vec(&results)),
        Ok(Attempt::Need(chunks)) => (1, serde_json::to_vec(&chunks)),
        Err(message) => (2, Ok(message.into_bytes())),
    };
    set_output(json.unwrap_or_default());
    status
}

/// Where the last answer starts.
#[no_mangle]
pub extern "C" fn output_ptr() -> *const u8 {
    OUTPUT.with(|o| o.borrow().as_ptr())
}

/// How long the last answer is.
#[no_mangle]
pub extern "C" fn output_len() -> usize {
    OUTPUT.with(|o| o.borrow().len())
}

/// Randomness for getrandom 0.3 on wasm32: only tantivy's new-segment ids use it, and a
/// reader makes none, so a fixed sequence is enough and the module imports nothing.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
#[no_mangle]
unsafe extern "Rust" fn __getrandom_v03_custom(
    dest: *mut u8,
    len: usize,
) -> Result<(), getrandom::Error> {
    for i in 0..len {
        *dest.add(i) = (i as u8).wrapping_mul(151).wrapping_add(7);
    }
    Ok(())
}
