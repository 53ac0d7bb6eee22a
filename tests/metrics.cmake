# Metrics: the training health monitor and its alarms, remedies, diversity measures (tiny widths, 32 px).
ganscope_gtest(metrics_health_test LABELS unit SOURCES
  metrics/health_monitor_test.cpp
  metrics/remedies_test.cpp)
