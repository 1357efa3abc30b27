//! The `salve` binary: parse arguments, run, map errors to exit codes.

fn main() -> anyhow::Result<()> {
    let library = salve::library::bundled();
    salve::tui::run(library, salve::tui::Open::Library)
}
