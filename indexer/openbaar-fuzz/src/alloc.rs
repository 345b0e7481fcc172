//! A global allocator that counts the live heap, remembers its peak, and stops the
//! process with a clear message when an input makes the heap grow past a limit: an
//! allocation without bound becomes a finding instead of a machine out of memory.
//! (C code, MuPDF, allocates outside it; the worker's address-space limit covers that.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The marker a worker prints when the heap limit is crossed; the parent looks for it.
pub const HEAP_LIMIT_MESSAGE: &str = "openbaar-fuzz: heap limit exceeded";

/// Counts the live heap on top of the system allocator.
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);

/// Sets the largest live heap allowed, in bytes.
pub fn set_limit(bytes: usize) {
    LIMIT.store(bytes, Ordering::SeqCst);
}

/// Starts a new peak measurement at the current live heap.
pub fn reset_peak() {
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
}

/// The peak live heap since [`reset_peak`], in bytes.
pub fn peak() -> usize {
    PEAK.load(Ordering::Relaxed)
}

fn grow(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
    if live > LIMIT.load(Ordering::Relaxed) {
        // No allocation from here on: format into a buffer on the stack.
        let mut buffer = [0u8; 160];
        let mut cursor = std::io::Cursor::new(&mut buffer[..]);
        let _ = writeln!(
            cursor,
            "{HEAP_LIMIT_MESSAGE}: {} MB live after asking for {} bytes",
            live >> 20,
            size
        );
        let written = cursor.position() as usize;
        let _ = std::io::stderr().write_all(&buffer[..written]);
        std::process::abort();
    }
}

// SAFETY: every call is forwarded to the system allocator unchanged; only counts are kept.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = System.alloc(layout);
        if !ptr.is_null() {
            grow(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = System.alloc_zeroed(layout);
        if !ptr.is_null() {
            grow(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = System.realloc(ptr, layout, new_size);
        if !new.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grow(new_size);
        }
        new
    }
}

/// Limits the process's address space (Linux `RLIMIT_AS`), so that C code that
/// allocates without bound fails its allocation instead of exhausting the machine.
pub fn limit_address_space(bytes: u64) {
    #[cfg(target_os = "linux")]
    {
        #[repr(C)]
        struct Rlimit {
            current: u64,
            max: u64,
        }
        extern "C" {
            fn setrlimit(resource: i32, limit: *const Rlimit) -> i32;
        }
        const RLIMIT_AS: i32 = 9;
        let limit = Rlimit {
            current: bytes,
            max: bytes,
        };
        // SAFETY: a plain system call with a valid pointer to a local struct.
        unsafe {
            setrlimit(RLIMIT_AS, &limit);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = bytes;
}
