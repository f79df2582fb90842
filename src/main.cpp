// The village command line: serve, migrate, user, …
#include "app/cli.hpp"

int main(int argc, char** argv) {
    return village::app::run_cli(argc, argv);
}
