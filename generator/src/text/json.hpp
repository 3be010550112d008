#pragma once
#include <string>
#include <string_view>

namespace tsu::text {

/// s as the inside of a JSON string: quotes, backslashes and control characters escaped
/// (UTF-8 passes through as it is).
std::string json_escape(std::string_view s);

}  // namespace tsu::text
