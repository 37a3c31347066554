from aliansi.cli import main

main()
