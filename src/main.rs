//! The `hanoi-bot` binary: parses the command line and hands over to [`hanoi_bot::cli`].

fn main() -> std::process::ExitCode {
    hanoi_bot::cli::main()
}
