#include "emulator/faults.hpp"

namespace rolec::emulator {
namespace {

// SplitMix64: a fast, well-mixed hash of a counter (Steele, Lea and Flood, 2014).
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A number in [0, 1) from the top 53 bits.
double unit(std::uint64_t x) { return static_cast<double>(x >> 11) * 0x1.0p-53; }

constexpr int error_statuses[] = {500, 502, 503};

}  // namespace

fault fault_injector::next(bool is_write) {
  const std::uint64_t n = count_++;
  const std::uint64_t roll = mix(seed_ ^ mix(n));
  if (rate_ <= 0 || unit(roll) >= rate_) return {};
  // Reads fail in 4 ways (three statuses or a drop), writes in 5 (and after_apply).
  const std::uint64_t pick = mix(roll);
  const std::uint64_t ways = is_write ? 5 : 4;
  const std::uint64_t way = pick % ways;
  if (way < 3) return {fault_kind::server_error, error_statuses[way]};
  if (way == 3) return {fault_kind::dropped, 0};
  return {fault_kind::after_apply, (mix(pick) & 1) != 0 ? 502 : 0};
}

bool rate_limiter::admit(const std::string& key, clock::time_point now) {
  if (per_second_ == 0) return true;
  auto& times = recent_[key];
  while (!times.empty() && now - times.front() >= std::chrono::seconds(1)) times.pop_front();
  if (times.size() >= per_second_) return false;
  times.push_back(now);
  return true;
}

}  // namespace rolec::emulator
