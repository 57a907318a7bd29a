use xxgk_model::{Adapter, Block, Limits};
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let r = xxgk::Registry::with_builtin(); let a = r.detect(&bytes, std::path::Path::new(&path)).unwrap(); let doc = a.read(&bytes, &Limits::default()).unwrap();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => println!("P {:?} {}", p.source, p.text),
            Block::Table(t) => {
                for r in &t.rows {
                    let cells: Vec<String> = r.iter().map(|c| format!("{}[{:?}]", c.text.replace('\n', "⏎"), c.recognised.map(|x| (x * 100.0) as i32))).collect();
                    println!("R {}", cells.join(" | "));
                }
            }
            Block::Image { alt, .. } => println!("I {alt}"),
        }
    }
    for d in &doc.diagnostics { println!("D {}", d.message.get(xxgk_model::Lang::Zh)); }
}
