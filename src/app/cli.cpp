// Placeholder until the server lands.
#include "app/cli.hpp"

namespace village::app {

int run_cli(int, char**) {
    return 0;
}

}  // namespace village::app
