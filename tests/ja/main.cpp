// Tests with the real analyser: MeCab + ipadic, kanjidic and the plan's readings.toml.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
