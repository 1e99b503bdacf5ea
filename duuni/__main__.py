from duuni.cli import main

main()
