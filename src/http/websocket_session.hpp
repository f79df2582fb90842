// Handing an upgraded connection from the HTTP session to a WebSocket session. Internal to
// src/http/.
#pragma once

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>
#include <string>

#include "http/server_core.hpp"
#include "http/websocket.hpp"

namespace village::http::detail {

using UpgradeRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Completes the WebSocket handshake answering `request` on `stream`, then serves the socket
// for `handler` until it closes. Registers with the server, so a stop closes it too.
void start_websocket(ServerCore& core, boost::beast::tcp_stream stream, UpgradeRequest request,
                     std::shared_ptr<SocketHandler> handler, std::string remote_address);

}  // namespace village::http::detail
