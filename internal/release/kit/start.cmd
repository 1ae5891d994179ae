@echo off
rem Double-click to start goldenthread; close this window to stop it.
title goldenthread
echo Starting goldenthread. Keep this window open while you use it;
echo close it to stop goldenthread.
echo Your profiles are kept in %USERPROFILE%\Documents\goldenthread
echo.
"%~dp0goldenthread.exe" serve --open --workspace "%USERPROFILE%\Documents\goldenthread"
pause
