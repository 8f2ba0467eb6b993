// placeholder replaced by the kine benchmark
