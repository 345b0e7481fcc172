//! The search loop over a bundle, the same natively and in the browser: run the query;
//! if it needed chunks it did not have, say which, so they can all be fetched in one
//! step, and run it again.

use crate::bundle::BundleDirectory;
use crate::search::{Results, SearchIndex};

/// The outcome of one attempt.
#[derive(Debug)]
pub enum Attempt {
    /// The search ran.
    Done(Results),
    /// These chunks are needed first.
    Need(Vec<String>),
}

/// A search over a bundle whose chunks arrive as they are needed.
pub struct BundleSearch {
    directory: BundleDirectory,
    index: Option<SearchIndex>,
}

impl BundleSearch {
    /// Starts from the bytes of `hot.bin`.
    pub fn new(hot_file: &[u8]) -> std::io::Result<BundleSearch> {
        Ok(BundleSearch {
            directory: BundleDirectory::from_hot(hot_file)?,
            index: None,
        })
    }

    /// The directory, to add fetched chunks to.
    pub fn directory(&self) -> &BundleDirectory {
        &self.directory
    }

    /// Tries the query once.
    pub fn attempt(
        &mut self,
        query: &str,
        offset: usize,
        per_page: usize,
    ) -> Result<Attempt, String> {
        self.directory.take_missing();
        if self.index.is_none() {
            match SearchIndex::open_bundle(self.directory.clone()) {
                Ok(index) => self.index = Some(index),
                Err(err) => {
                    let missing = self.directory.take_missing();
                    return if missing.is_empty() {
                        Err(err.to_string())
                    } else {
                        Ok(Attempt::Need(self.directory.expand(&missing)))
                    };
                }
            }
        }
        let index = self.index.as_ref().expect("opened");
        let outcome = index.search(query, offset, per_page);
        // A read that missed a chunk may have been swallowed on the way (a filter that
        // found no terms): whatever missed, the answer is not final.
        let missing = self.directory.take_missing();
        if !missing.is_empty() {
            return Ok(Attempt::Need(self.directory.expand(&missing)));
        }
        match outcome {
            Ok(results) => Ok(Attempt::Done(results)),
            Err(err) => {
                let missing = self.directory.take_missing();
                if missing.is_empty() {
                    Err(err.to_string())
                } else {
                    Ok(Attempt::Need(missing))
                }
            }
        }
    }
}
