//! The SQLite output, written on a thread of its own: the batch's writer thread hands it each
//! report's inserts as jobs and goes on with the other outputs, so the two cores keep parsing
//! instead of waiting on SQLite (a tenth of a batch's time). Jobs run in the order they were
//! given, inside the one transaction the writer opened. The first error stops the thread; the
//! writer learns of it at its next hand-over (the batch stops there) or when it closes the
//! database. A database dropped unclosed (the batch failed elsewhere) waits for its thread, so
//! no write outlives the staging folder.

use rusqlite::Connection;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;

/// One piece of work on the database.
type Job = Box<dyn FnOnce(&Connection) -> rusqlite::Result<()> + Send>;

/// Batches of jobs waiting at most (a report's rows are one).
const QUEUE: usize = 64;

/// The database being written by its thread.
pub(crate) struct Database {
    pending: Vec<Job>,
    tx: Option<SyncSender<Vec<Job>>>,
    thread: Option<JoinHandle<rusqlite::Result<Connection>>>,
}

impl Database {
    /// Starts the thread that writes to `db`.
    pub(crate) fn start(db: Connection) -> Self {
        let (tx, rx) = sync_channel::<Vec<Job>>(QUEUE);
        let thread = std::thread::spawn(move || {
            for jobs in rx {
                for job in jobs {
                    job(&db)?;
                }
            }
            Ok(db)
        });
        Database {
            pending: Vec::new(),
            tx: Some(tx),
            thread: Some(thread),
        }
    }

    /// Queues a job.
    pub(crate) fn run(
        &mut self,
        job: impl FnOnce(&Connection) -> rusqlite::Result<()> + Send + 'static,
    ) {
        self.pending.push(Box::new(job));
    }

    /// Hands the queued jobs to the thread; the thread's error if it stopped on one.
    pub(crate) fn flush(&mut self) -> rusqlite::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let jobs = std::mem::take(&mut self.pending);
        match self.tx.as_ref().map(|tx| tx.send(jobs)) {
            Some(Ok(())) => Ok(()),
            // The thread has ended: it stopped on an error.
            _ => self.join().map(drop),
        }
    }

    /// Runs what is left and gives the connection back, or the first error.
    pub(crate) fn close(mut self) -> rusqlite::Result<Connection> {
        self.flush()?;
        self.join()
    }

    /// Ends the thread: no more jobs, and what it returned.
    fn join(&mut self) -> rusqlite::Result<Connection> {
        drop(self.tx.take());
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => Err(rusqlite::Error::InvalidQuery),
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
