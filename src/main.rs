//! The `hanoi-bot` binary: parses the command line and hands over to [`hanoi_bot::cli`].

/// mimalloc instead of the system allocator: loading the knowledge makes tens of
/// thousands of small allocations, and glibc's malloc and free were a sixth of the
/// instructions of a start-up.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    hanoi_bot::cli::main()
}
