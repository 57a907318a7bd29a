//! The SQLite output, written on a thread of its own: the batch's writer thread hands it each
//! report's inserts as jobs and goes on with the other outputs, so the two cores keep parsing
//! instead of waiting on SQLite (a tenth of a batch's time). Jobs run in the order they were
//! given, inside the one transaction the writer opened; the first error stops the rest and is
//! returned when the database is closed, which the batch does before finishing it.

use rusqlite::Connection;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;

/// One piece of work on the database.
pub(crate) type Job = Box<dyn FnOnce(&Connection) -> rusqlite::Result<()> + Send>;

/// Jobs handed over at a time, at most this many batches waiting (a report's rows are one).
const QUEUE: usize = 64;

/// The database being written by its thread.
pub(crate) struct Database {
    pending: Vec<Job>,
    tx: SyncSender<Vec<Job>>,
    thread: JoinHandle<rusqlite::Result<Connection>>,
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
            tx,
            thread,
        }
    }

    /// Queues a job.
    pub(crate) fn run(
        &mut self,
        job: impl FnOnce(&Connection) -> rusqlite::Result<()> + Send + 'static,
    ) {
        self.pending.push(Box::new(job));
    }

    /// Hands the queued jobs to the thread (a thread that stopped on an error takes no more;
    /// its error comes back from [`Database::close`]).
    pub(crate) fn flush(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.tx.send(std::mem::take(&mut self.pending));
        }
    }

    /// Runs what is left and gives the connection back, or the first error.
    pub(crate) fn close(mut self) -> rusqlite::Result<Connection> {
        self.flush();
        drop(self.tx);
        self.thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}
