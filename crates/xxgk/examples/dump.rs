//! Throwaway.
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let reg = xxgk::Registry::with_builtin();
    let a = reg.detect(&bytes, std::path::Path::new(&path)).unwrap();
    let doc = a.read(&bytes, &xxgk::model::Limits::default()).unwrap();
    for (i, b) in doc.blocks.iter().enumerate() {
        if let xxgk::model::Block::Table(t) = b {
            println!("== table block {i} {:?}", t.source);
            for row in t.rows.iter().take(12) {
                println!(
                    "  {:?}",
                    row.iter().map(|c| c.text.as_str()).collect::<Vec<_>>()
                );
            }
        }
    }
}
