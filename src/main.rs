fn main() {
    std::process::exit(archdrift::cli::run());
}
