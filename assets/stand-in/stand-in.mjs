console.log('stand-in');
