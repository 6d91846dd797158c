// Links one stage library whole, with only the stages it declares (compiler/CMakeLists.txt): a
// symbol it uses from a stage it does not declare is then an undefined reference.
int main() { return 0; }
