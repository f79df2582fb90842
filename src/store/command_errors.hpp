// How the server's command-line commands (`village user …`, `village import …`) report failure:
// one line "error: message (field)" on standard error and exit status 1, database failures
// included, so a script sees the same wording as the API's error shape.
#pragma once

#include <exception>
#include <iostream>

#include "core/result.hpp"
#include "store/sql.hpp"

namespace village::store {

inline int report_error(Error const& error) {
    std::cerr << "error: " << error.message;
    if (!error.field.empty()) std::cerr << " (" << error.field << ")";
    std::cerr << '\n';
    return 1;
}

// Runs a command, turning a thrown database failure (or any other) into a message and status 1.
template <class F>
int guarded(F&& command) {
    try {
        return command();
    } catch (DbError const& e) {
        return report_error(e.error());
    } catch (std::exception const& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace village::store
